import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { LwpMessage } from '../../../firmware-protocol/src/index.ts';
import { vectors } from './vectors.ts';

const firmware = fileURLToPath(new URL('../../../firmware-protocol/firmware/', import.meta.url));
const gcc = spawnSync('gcc', ['--version']).status === 0;
if (!gcc) console.warn('SKIPPED: the C firmware core is not checked against vectors.json because gcc is missing (apt-get install gcc)');

const hex = (s: string) => Buffer.from(s, 'latin1').toString('hex');

/** The C harness's spelling of a decoded line; the board side only acts on commands and acks. */
function canonical(m: LwpMessage | null): string {
  if (!m || m.type === 'reply' || m.type === 'event') return 'ignored';
  if (m.type === 'ack') return `ack seq=${m.seq}`;
  const c = m.command;
  const head = `command seq=${m.seq} verb=${c.verb}`;
  if (c.verb === 'HELLO') return `${head} version=${c.version}`;
  if (c.verb === 'OPEN') return `${head} channel=${c.channel} op=${c.op} pulse=${c.pulseMs} boot=${c.bootId}`;
  return head;
}

describe.skipIf(!gcc)('C firmware core (lwp_core.c) against vectors.json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lwp-c-'));
  const runner = join(dir, 'vector_runner');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (input: string[]): string[] => {
    const out = execFileSync(runner, { input: `${input.join('\n')}\n`, encoding: 'latin1', timeout: 20_000 });
    return out.split('\n').filter((l) => l !== '');
  };

  it('compiles warning-free with the host gcc', () => {
    execFileSync('gcc', ['-std=c99', '-Wall', '-Wextra', '-Werror', '-O1', '-o', runner, join(firmware, 'lwp_core.c'), join(firmware, 'test', 'vector_runner.c')], {
      stdio: 'pipe',
    });
  });

  it('computes every CRC vector', () => {
    expect(run(vectors.crc.map((v) => `crc ${hex(v.input)}`))).toEqual(vectors.crc.map((v) => `crc ${v.crc}`));
  });

  it('parses every valid line as the TS codec does', () => {
    expect(run(vectors.valid.map((v) => `parse ${hex(v.line)}`))).toEqual(vectors.valid.map((v) => canonical(v.message)));
  });

  it('rejects every invalid line with the same error', () => {
    const expected = vectors.invalid.map((v) => {
      if (v.ignored) return 'ignored';
      // a framed reply or event with bad arguments is still an echo to a board
      if ((v.error === 'bad-syntax' || v.error === 'unknown-verb') && /^[RE]/.test(v.line)) return 'ignored';
      return `error=${v.error}${v.seq !== undefined ? ` seq=${v.seq}` : ''}`;
    });
    expect(run(vectors.invalid.map((v) => `parse ${hex(v.line)}`))).toEqual(expected);
  });

  it.each(vectors.sessions)('plays session "$name" like the simulator', ({ board, script, expect: expected }) => {
    const input = [`session ${board.channels} ${board.boardId} ${board.firmware}`];
    for (const step of script) input.push(step.startsWith('>') ? `> ${hex(step.slice(2))}` : step);
    expect(run(input)).toEqual(expected);
  });
});

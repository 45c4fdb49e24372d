import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLine } from '../../../firmware-protocol/src/index.ts';

const doc = readFileSync(new URL('../../../firmware-protocol/PROTOCOL.md', import.meta.url), 'utf8');

function blocks(lang: string): string[] {
  const re = new RegExp('^```' + lang + '\\n([\\s\\S]*?)^```', 'gm');
  return [...doc.matchAll(re)].flatMap((m) => m[1]!.split('\n').filter((l) => l.trim() !== ''));
}

describe('every example in PROTOCOL.md', () => {
  const good = blocks('lwp');
  const bad = blocks('lwp-bad');

  it('has examples to check', () => {
    expect(good.length).toBeGreaterThan(20);
    expect(bad.length).toBeGreaterThan(3);
  });

  it.each(good.map((line, i) => [line, good[i + 1] ?? ''] as const))('%s', (example, next) => {
    const m = /^([<>]) (.*)$/.exec(example);
    expect(m, 'an example line starts with "> " or "< "').not.toBeNull();
    const parsed = parseLine(m![2]!);
    expect(parsed).not.toBeNull();
    if (parsed && 'error' in parsed) {
      // a deliberately wrong command must be followed by the board's matching error reply
      expect(m![1]).toBe('>');
      const answer = parseLine(next.slice(2));
      const code = { 'unknown-verb': 'UNKNOWN', 'bad-syntax': 'BADSYNTAX' }[parsed.error as string];
      expect(answer).toEqual({ type: 'reply', seq: parsed.seq ?? null, reply: { kind: 'ERR', code } });
      return;
    }
    const type = (parsed as { type: string }).type;
    // commands and acks go to the board; replies and events come from it
    expect(m![1] === '>' ? ['command', 'ack'] : ['reply', 'event']).toContain(type);
  });

  it.each(bad)('%s', (example) => {
    const m = /^(.*?) {2}# ([a-z-]+)$/.exec(example);
    expect(m, 'a bad example reads "LINE  # error"').not.toBeNull();
    expect(parseLine(m![1]!)).toMatchObject({ error: m![2] });
  });
});

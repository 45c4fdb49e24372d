/**
 * A socat PTY pair for reader integration tests: the test writes to `device` as the scanner or badge
 * reader would, the driver opens `port`. Always call `close()` (afterEach) — it stops socat and
 * removes the temp dir.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ReaderPty {
  /** the path the driver under test opens. */
  port: string;
  /** write bytes as the device would send them. */
  send(data: Uint8Array | string): Promise<void>;
  close(): Promise<void>;
}

export async function openReaderPty(timeoutMs = 10_000): Promise<ReaderPty> {
  const dir = await mkdtemp(join(tmpdir(), 'lw-readers-'));
  const device = join(dir, 'device');
  const port = join(dir, 'port');
  const socat = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${device}`, `pty,raw,echo=0,link=${port}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => socat.once('exit', () => resolve()));
  let log = '';
  socat.stderr!.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-4000)));
  let spawnError: Error | undefined;
  socat.once('error', (e) => (spawnError = e));
  const stopSocat = async () => {
    if (socat.exitCode === null && socat.signalCode === null) {
      socat.kill('SIGTERM');
      const t = setTimeout(() => socat.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(t);
    }
  };
  const deadline = Date.now() + timeoutMs;
  while (!(log.includes('starting data transfer loop') && existsSync(device) && existsSync(port))) {
    if (spawnError || socat.exitCode !== null || Date.now() > deadline) {
      await stopSocat();
      await rm(dir, { recursive: true, force: true });
      throw new Error(`socat PTY pair did not start: ${spawnError?.message ?? log.trim().split('\n').slice(-2).join(' | ')}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  let writer: FileHandle | undefined;
  return {
    port,
    async send(data) {
      writer ??= await open(device, 'r+');
      await writer.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
    },
    async close() {
      await writer?.close().catch(() => {});
      await stopSocat();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until truthy; throws after `timeoutMs` naming `what`. */
export async function waitUntil(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

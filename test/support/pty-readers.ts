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
  /** kill socat, as if the cable were pulled. */
  unplug(): Promise<void>;
  /** a new socat on the same paths, as if the cable were plugged back in. */
  plug(): Promise<void>;
  close(): Promise<void>;
}

interface Socat {
  stop(signal: NodeJS.Signals): Promise<void>;
}

async function startSocat(device: string, port: string, timeoutMs: number): Promise<Socat> {
  await rm(device, { force: true });
  await rm(port, { force: true });
  const socat = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${device}`, `pty,raw,echo=0,link=${port}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => socat.once('exit', () => resolve()));
  let log = '';
  socat.stderr!.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-4000)));
  let spawnError: Error | undefined;
  socat.once('error', (e) => (spawnError = e));
  const stop = async (signal: NodeJS.Signals) => {
    if (socat.exitCode === null && socat.signalCode === null) {
      socat.kill(signal);
      const t = setTimeout(() => socat.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(t);
    }
  };
  const deadline = Date.now() + timeoutMs;
  while (!(log.includes('starting data transfer loop') && existsSync(device) && existsSync(port))) {
    if (spawnError || socat.exitCode !== null || Date.now() > deadline) {
      await stop('SIGKILL');
      throw new Error(`socat PTY pair did not start: ${spawnError?.message ?? log.trim().split('\n').slice(-2).join(' | ')}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return { stop };
}

export async function openReaderPty(timeoutMs = 10_000): Promise<ReaderPty> {
  const dir = await mkdtemp(join(tmpdir(), 'lw-readers-'));
  const device = join(dir, 'device');
  const port = join(dir, 'port');
  let socat: Socat;
  try {
    socat = await startSocat(device, port, timeoutMs);
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  let writer: FileHandle | undefined;
  return {
    port,
    async send(data) {
      writer ??= await open(device, 'r+');
      await writer.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
    },
    async unplug() {
      await writer?.close().catch(() => {});
      writer = undefined;
      await socat.stop('SIGKILL');
    },
    async plug() {
      socat = await startSocat(device, port, timeoutMs);
    },
    async close() {
      await writer?.close().catch(() => {});
      await socat.stop('SIGTERM');
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

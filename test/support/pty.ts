import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPtyPair, type PtyPair } from '../../controller/src/hardware/lwp/socat-pty.ts';

export { startPtyPair, type PtyPair };

/**
 * A socat PTY pair with links in a fresh temp dir: `a` for the device under test's peer (a board
 * simulator), `b` for the driver. `replug()` kills socat and starts a new one on the same link names;
 * `cleanup()` stops socat and removes the dir. Call cleanup in afterEach/afterAll.
 */
export interface PtyHarness {
  readonly dir: string;
  readonly a: string;
  readonly b: string;
  readonly pair: PtyPair;
  /** SIGKILL socat (the cable is pulled); links disappear or go dead. */
  unplug(): Promise<void>;
  /** a new socat on the same link names (the cable is plugged back in). */
  plug(): Promise<void>;
  cleanup(): Promise<void>;
}

export async function createPty(names: { a?: string; b?: string } = {}): Promise<PtyHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'lw-pty-'));
  const a = join(dir, names.a ?? 'board');
  const b = join(dir, names.b ?? 'controller');
  let pair = await startPtyPair(a, b);
  return {
    dir,
    a,
    b,
    get pair() {
      return pair;
    },
    async unplug() {
      await pair.kill();
    },
    async plug() {
      await pair.stop();
      pair = await startPtyPair(a, b);
    },
    async cleanup() {
      await pair.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it returns truthy (or throws the last error after `timeoutMs`). */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 10_000, what = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

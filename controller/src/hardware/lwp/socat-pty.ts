import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';

export interface PtyPair {
  /** the two link paths; bytes written to one come out of the other. */
  readonly a: string;
  readonly b: string;
  readonly pid: number;
  /** SIGTERM, then SIGKILL after 2 s; resolves once socat has exited. Safe to call twice. */
  stop(): Promise<void>;
  /** SIGKILL at once, like a cable pulled: both ends see a hang-up. Resolves once socat has exited. */
  kill(): Promise<void>;
}

export interface PtyPairOptions {
  /** give up when socat has not made both links within this time (default 10 s). */
  timeoutMs?: number;
}

/** socat children still running; killed when this process exits, so a crash leaves no orphans. */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function track(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const c of live) c.kill('SIGKILL');
  });
}

/**
 * Starts `socat pty,raw,echo=0,link=A pty,raw,echo=0,link=B` and resolves when both links exist and
 * socat is relaying. Stale links from a killed socat are removed first, so the same names can be
 * reused to "plug the cable back in".
 */
export async function startPtyPair(a: string, b: string, options: PtyPairOptions = {}): Promise<PtyPair> {
  for (const link of [a, b]) rmSync(link, { force: true });
  const child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  track(child);
  let stderr = '';
  let relaying = false;
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (stderr.includes('starting data transfer loop')) relaying = true;
    if (stderr.length > 8192) stderr = stderr.slice(-4096);
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  let spawnError: Error | undefined;
  child.once('error', (err) => (spawnError = err));

  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  while (!(relaying && existsSync(a) && existsSync(b))) {
    if (spawnError) throw new Error(`cannot start socat (is it installed? apt-get install socat): ${spawnError.message}`);
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`socat exited before making ${a} and ${b}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exited;
      throw new Error(`socat did not make ${a} and ${b} within ${options.timeoutMs ?? 10_000} ms`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }

  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(timer);
    }
  };
  return { a, b, pid: child.pid!, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') };
}

/** For callers that keep the child around (tests that want to inspect it). */
export type { ChildProcess };

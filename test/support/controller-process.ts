import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './free-port.ts';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

export interface StartOptions {
  env?: Record<string, string>;
  /** merged over config/default.json through LOCKERWALL_CONFIG. */
  config?: Record<string, unknown>;
  /** reuse a data dir (restart after a kill). */
  dataDir?: string;
  mqttPort?: number;
  startTimeoutMs?: number;
}

export interface RunningController {
  baseUrl: string;
  dataDir: string;
  mqttPort: number;
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
  kill(): Promise<void>;
  readNotifications(): Promise<Record<string, any>[]>;
  /** fetch JSON from the API: returns status and parsed body. */
  api(path: string, init?: { method?: string; body?: unknown; token?: string; headers?: Record<string, string> }): Promise<{ status: number; body: any }>;
}

/** Starts the real controller process (`node --import tsx controller/src/main.ts`) on a temp data dir and free ports. */
export async function startController(options: StartOptions = {}): Promise<RunningController> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'lockerwall-test-')));
  const mqttPort = options.mqttPort ?? (await freePort());
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    LOCKERWALL_DATA_DIR: dataDir,
    LOCKERWALL_HTTP_PORT: '0',
    LOCKERWALL_MQTT_PORT: String(mqttPort),
    LOCKERWALL_LOG_LEVEL: 'warn',
    ...options.env,
  };
  if (options.config) {
    const path = join(dataDir, 'test-config.json');
    await writeFile(path, JSON.stringify(options.config));
    env.LOCKERWALL_CONFIG = path;
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'controller/src/main.ts'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));

  const baseUrl = await new Promise<string>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`controller did not start within ${options.startTimeoutMs ?? 30000} ms:\n${output}`)), options.startTimeoutMs ?? 30_000);
    const onData = () => {
      const match = /LOCKERWALL_LISTENING (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolvePromise(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`controller exited with ${code} before listening:\n${output}`));
    });
  });

  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const api: RunningController['api'] = async (path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    const response = await fetch(baseUrl + path, {
      method: init.method ?? (init.body !== undefined ? 'POST' : 'GET'),
      headers,
      body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: response.status, body };
  };
  return {
    baseUrl,
    dataDir,
    mqttPort,
    process: child,
    output: () => output,
    api,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
    async readNotifications() {
      try {
        const text = await readFile(join(dataDir, 'notifications.jsonl'), 'utf8');
        return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>);
      } catch {
        return [];
      }
    },
  };
}

/** Polls until `check` returns a value (not undefined/false) or the time runs out. */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 10_000, intervalMs = 50): Promise<Exclude<T, false | undefined | null>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false && value !== null) return value as Exclude<T, false | undefined | null>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

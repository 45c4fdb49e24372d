import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { now } from './stats.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ControllerOptions {
  dataDir: string;
  /** merged over config/default.json (written to <dataDir>/bench-config.json). */
  config?: Record<string, unknown>;
  env?: Record<string, string>;
  /** node arguments before nothing else: default runs the TypeScript sources through tsx. */
  entry?: string[];
  startTimeoutMs?: number;
}

export interface ControllerProcess {
  baseUrl: string;
  pid: number;
  child: ChildProcess;
  /** hrtime at spawn and when the LOCKERWALL_LISTENING line arrived. */
  spawnedAt: bigint;
  listeningAt: bigint;
  output(): string;
  /** resident set of the controller process now and its peak so far, in MB (Linux /proc). */
  memory(): MemoryReading;
  stop(): Promise<void>;
}

export const TSX_ENTRY = ['--import', 'tsx', 'controller/src/main.ts'];

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface MemoryReading {
  rssMb: number;
  /** the process's peak resident set since it started (VmHWM). */
  peakMb: number;
  /** resident set of its child processes (e.g. the esbuild service tsx starts). */
  childrenMb: number;
}

function statusKb(pid: number, key: string): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function childPids(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((t) =>
      readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

export function processMemory(pid: number): MemoryReading {
  const children = childPids(pid);
  return {
    rssMb: statusKb(pid, 'VmRSS') / 1024,
    peakMb: statusKb(pid, 'VmHWM') / 1024,
    childrenMb: children.reduce((n, c) => n + statusKb(c, 'VmRSS'), 0) / 1024,
  };
}

/** Starts the real controller process on port 0 and resolves once it says it is listening. */
export async function startControllerProcess(options: ControllerOptions): Promise<ControllerProcess> {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    LOCKERWALL_DATA_DIR: options.dataDir,
    LOCKERWALL_HTTP_PORT: '0',
    LOCKERWALL_LOG_LEVEL: 'warn',
    ...options.env,
  };
  if (!env.LOCKERWALL_MQTT_PORT && env.LOCKERWALL_MQTT_URL === undefined) env.LOCKERWALL_MQTT_PORT = String(await freePort());
  if (options.config) {
    const path = `${options.dataDir}/bench-config.json`;
    writeFileSync(path, JSON.stringify(options.config));
    env.LOCKERWALL_CONFIG = path;
  }
  const spawnedAt = now();
  const child = spawn(process.execPath, options.entry ?? TSX_ENTRY, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  // a benchmark that dies must not leave its controller running
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.off('exit', killOnExit));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const { baseUrl, listeningAt } = await new Promise<{ baseUrl: string; listeningAt: bigint }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`controller did not start within ${options.startTimeoutMs ?? 60_000} ms:\n${output}`)), options.startTimeoutMs ?? 60_000);
      child.stdout!.on('data', () => {
        const match = /LOCKERWALL_LISTENING (http:\/\/\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve({ baseUrl: match[1]!, listeningAt: now() });
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`controller exited with ${code} before listening:\n${output.slice(-2000)}`));
      });
    });
    return { baseUrl, pid: child.pid!, child, spawnedAt, listeningAt, output: () => output, memory: () => processMemory(child.pid!), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** One JSON call over a kept-alive connection (the kiosk browser keeps its connection open too). */
export function callApi(baseUrl: string, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string | number> = {};
    if (payload !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
    if (token) headers.authorization = `Bearer ${token}`;
    const req = request(`${baseUrl}${path}`, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          /* not JSON */
        }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** Closes the kept-alive sockets so the benchmark process can exit. */
export function closeConnections(): void {
  agent.destroy();
}

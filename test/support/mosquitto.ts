import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.ts';

export interface Mosquitto {
  port: number;
  url: string;
  /** true while the broker process runs. */
  running(): boolean;
  /** stops the broker (SIGTERM, then SIGKILL); retained messages are lost, as with a real restart without persistence. */
  stop(): Promise<void>;
  /** starts it again on the same port. */
  start(): Promise<void>;
  /** stops it and removes its temp folder. */
  dispose(): Promise<void>;
  output(): string;
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * A real `mosquitto` on 127.0.0.1 and a free port, anonymous access, no persistence; with `tls`, the
 * listener speaks TLS with the given PEM certificate and key.
 */
export async function startMosquitto(options: { port?: number; tls?: { certFile: string; keyFile: string } } = {}): Promise<Mosquitto> {
  const port = options.port ?? (await freePort());
  const dir = await mkdtemp(join(tmpdir(), 'lockerwall-mosquitto-'));
  const configPath = join(dir, 'mosquitto.conf');
  const tls = options.tls ? `certfile ${options.tls.certFile}\nkeyfile ${options.tls.keyFile}\n` : '';
  await writeFile(configPath, `listener ${port} 127.0.0.1\n${tls}allow_anonymous true\npersistence false\n`);
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let output = '';

  const start = async () => {
    if (child && child.exitCode === null && child.signalCode === null) return;
    const proc = spawn('mosquitto', ['-c', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    proc.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    proc.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    const failedToSpawn = new Promise<Error>((resolve) => proc.once('error', resolve));
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (await acceptsConnections(port)) return;
      if (proc.exitCode !== null) throw new Error(`mosquitto exited with ${proc.exitCode}:\n${output}`);
      const spawnError = await Promise.race([failedToSpawn, new Promise<undefined>((r) => setTimeout(r, 50))]);
      if (spawnError) throw new Error(`cannot run mosquitto (${spawnError.message}) — install the mosquitto package`);
      if (Date.now() > deadline) throw new Error(`mosquitto did not accept connections on ${port} within 15 s:\n${output}`);
    }
  };
  const stop = async () => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  await start();
  return {
    port,
    url: `${options.tls ? 'mqtts' : 'mqtt'}://127.0.0.1:${port}`,
    running: () => !!child && child.exitCode === null && child.signalCode === null,
    stop,
    start,
    async dispose() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
    output: () => output,
  };
}

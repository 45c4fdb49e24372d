import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DoorSensorEvent } from '../../../controller/src/hardware/lock-board.ts';
import { createLwpBoard, type LwpBoard } from '../../../controller/src/hardware/lwp/lwp-board.ts';
import { createPty, waitFor, type PtyHarness } from '../../support/pty.ts';

let child: ChildProcess | undefined;
let pty: PtyHarness | undefined;
let board: LwpBoard | undefined;
afterEach(async () => {
  await board?.stop();
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  await pty?.cleanup();
  child = pty = board = undefined;
});

function control(socket: string, request: object): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const c = createConnection(socket, () => c.write(`${JSON.stringify(request)}\n`));
    let buf = '';
    c.on('data', (d) => {
      buf += d.toString();
      if (buf.includes('\n')) {
        c.end();
        resolve(JSON.parse(buf.slice(0, buf.indexOf('\n'))) as Record<string, unknown>);
      }
    });
    c.on('error', reject);
  });
}

describe('board simulator CLI', () => {
  it('serves a board on a serial port, logs pulses, and takes door commands on its control socket', async () => {
    pty = await createPty();
    const socket = join(pty.dir, 'control.sock');
    const pulseLog = join(pty.dir, 'pulses.jsonl');
    const cli = new URL('../../../firmware-protocol/simulator/cli.ts', import.meta.url).pathname;
    child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', pty.a, '--channels', '12', '--board-id', 'A', '--pulse-log', pulseLog, '--control', socket], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d.toString()));
    child.stderr!.on('data', (d) => (output += d.toString()));
    await waitFor(() => output.includes('control on'), 30_000, `simulator start (output so far: ${output})`);

    board = createLwpBoard({ id: 'A', channels: 12, path: pty.b, startTimeoutMs: 15_000 });
    await board.start();
    const events: DoorSensorEvent[] = [];
    board.subscribe({ door: (e) => events.push(e) });
    // under load a lost reply is resent with the same op id and answered as a duplicate: still one pulse (asserted on the log below)
    expect(await board.open(7, 'cli-1', 100)).toMatchObject({ pulsed: true });
    await waitFor(() => events.find((e) => e.channel === 7 && e.kind === 'opened'), 5000, 'opened');
    expect(await control(socket, { cmd: 'close', channel: 7 })).toEqual({ ok: true });
    await waitFor(() => events.find((e) => e.channel === 7 && e.kind === 'closed'), 5000, 'closed');
    expect(await control(socket, { cmd: 'open-sesame' })).toMatchObject({ ok: false });

    const logged = (await readFile(pulseLog, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { channel: number; op: string });
    expect(logged.map((p) => [p.channel, p.op])).toEqual([[7, 'cli-1']]);
  });
});

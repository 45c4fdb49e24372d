/**
 * A wall of 1,000 doors on 21 LWP/1 boards (48 channels each) on socat PTYs at 115200 baud:
 *  - a full status sweep with the lwp driver: every board read at once (one serial line per board)
 *    and one board after another (as on one shared RS-485 line);
 *  - the time from starting the real controller process until MQTT carries the state of every door,
 *    with the embedded broker and, when installed, with mosquitto.
 *   node --import tsx bench/wall-1000.ts [--quick]
 */
import mqtt from 'mqtt';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { encodeLine } from '../firmware-protocol/src/encode.ts';
import { createLwpBoard } from '../controller/src/hardware/lwp/lwp-board.ts';
import { startSimulatedLwpBus } from '../controller/src/hardware/lwp/pty-simulator.ts';
import { startMosquitto } from '../test/support/mosquitto.ts';
import { closeConnections, freePort } from './support/controller.ts';
import { heading, ms, msSince, now, quick, summarise, table, verdict } from './support/stats.ts';
import { startBenchWall, wallLayout } from './support/wall.ts';

const DOORS = 1000;
const BOARDS = 21;
const BAUD = 115200;
const SWEEP_BUDGET_MS = 1000;

async function statusSweep(): Promise<void> {
  const layout = wallLayout(DOORS, BOARDS);
  const channels = layout.boards[0]!.channels;
  const bus = await startSimulatedLwpBus(layout.boards, { baudRate: BAUD });
  const boards = layout.boards.map((b) => createLwpBoard({ id: b.id, channels: b.channels, path: bus.paths.get(b.id)!, baudRate: BAUD, heartbeatMs: 60_000 }));
  try {
    await Promise.all(boards.map((b) => b.start()));
    const rounds = quick ? 10 : 100;
    const parallel: number[] = [];
    const serial: number[] = [];
    for (let i = 0; i < rounds + 3; i++) {
      let t0 = now();
      await Promise.all(boards.map((b) => b.readStatus()));
      const p = msSince(t0);
      t0 = now();
      for (const b of boards) await b.readStatus();
      const s = msSince(t0);
      if (i >= 3) parallel.push(p), serial.push(s);
    }
    const bytes =
      encodeLine({ type: 'command', seq: 12345, command: { verb: 'STATUS' } }).length +
      encodeLine({ type: 'reply', seq: 12345, reply: { kind: 'STATUS', channels, locked: Array(channels).fill(true), doorOpen: Array(channels).fill(false) } }).length;
    const wireOne = (bytes * 10 * 1000) / BAUD;
    const par = summarise(parallel);
    const ser = summarise(serial);
    table([
      ['status sweep of 1,000 doors', 'sweeps', 'p50 ms', 'p99 ms', 'wire ms', 'p99 + wire ms', `target < ${SWEEP_BUDGET_MS} ms`],
      [`${BOARDS} boards at once (a line each)`, par.n, ms(par.p50), ms(par.p99), ms(wireOne), ms(par.p99 + wireOne), verdict(par.p99 + wireOne < SWEEP_BUDGET_MS)],
      [`${BOARDS} boards in turn (one shared line)`, ser.n, ms(ser.p50), ms(ser.p99), ms(wireOne * BOARDS), ms(ser.p99 + wireOne * BOARDS), verdict(ser.p99 + wireOne * BOARDS < SWEEP_BUDGET_MS)],
    ]);
    console.log(`(one STATUS exchange is ${bytes} bytes: ${ms(wireOne)} ms at ${BAUD} baud on a real line; the PTY adds none)\n`);
  } finally {
    await Promise.all(boards.map((b) => b.stop()));
    await bus.stop();
  }
}

/** Subscribes (retrying until the broker is up) and resolves with the hrtime at which every door had a state. */
function watchDoors(url: string, expected: number): { allSeen: Promise<bigint>; close(): Promise<void> } {
  const client = mqtt.connect(url, { reconnectPeriod: 20, connectTimeout: 2000, clean: true });
  const seen = new Set<string>();
  client.on('error', () => {});
  client.on('connect', () => client.subscribe('lockerwall/+/doors/+', { qos: 1 }));
  const allSeen = new Promise<bigint>((resolve) =>
    client.on('message', (topic, payload) => {
      if (payload.length === 0) return;
      seen.add(topic);
      if (seen.size === expected) resolve(now());
    }),
  );
  return { allSeen, close: () => client.endAsync(true).then(() => undefined) };
}

async function mqttAfterStart(broker: 'embedded' | 'mosquitto'): Promise<{ listening: number; allDoors: number }> {
  const mosquitto = broker === 'mosquitto' ? await startMosquitto() : null;
  const port = mosquitto?.port ?? (await freePort());
  const watcher = watchDoors(`mqtt://127.0.0.1:${port}`, DOORS);
  const env: Record<string, string> = mosquitto ? { LOCKERWALL_MQTT_URL: mosquitto.url } : { LOCKERWALL_MQTT_PORT: String(port), LOCKERWALL_MQTT_URL: '' };
  try {
    const wall = await startBenchWall({ doors: DOORS, boards: BOARDS, baudRate: BAUD, env });
    try {
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`MQTT did not carry all ${DOORS} doors within 60 s`)), 60_000).unref());
      const done = await Promise.race([watcher.allSeen, timeout]);
      const c = wall.controller;
      return { listening: Number(c.listeningAt - c.spawnedAt) / 1e6, allDoors: Number(done - c.spawnedAt) / 1e6 };
    } finally {
      await wall.stop();
    }
  } finally {
    await watcher.close();
    await mosquitto?.dispose();
  }
}

export async function runWall1000(): Promise<void> {
  heading(`A wall of ${DOORS} doors on ${BOARDS} LWP/1 boards (PTYs, ${BAUD} baud)`);
  await statusSweep();
  const starts = quick ? 1 : 3;
  const rows: (string | number)[][] = [['broker', 'starts', 'spawn → HTTP listening p50 ms', 'spawn → every door on MQTT p50 ms', 'worst ms']];
  const hasMosquitto = spawnSync('sh', ['-c', 'command -v mosquitto']).status === 0;
  for (const broker of hasMosquitto ? (['embedded', 'mosquitto'] as const) : (['embedded'] as const)) {
    const runs = [];
    for (let i = 0; i < starts; i++) runs.push(await mqttAfterStart(broker));
    const all = summarise(runs.map((r) => r.allDoors));
    rows.push([broker, starts, ms(summarise(runs.map((r) => r.listening)).p50, 0), ms(all.p50, 0), ms(all.max, 0)]);
  }
  table(rows);
  if (!hasMosquitto) console.log('(mosquitto is not installed: measured with the embedded broker only)');
  console.log('(the start includes the lwp handshake and STATUS read of all 21 boards; the boards are powered before the controller starts)');
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  try {
    await runWall1000();
  } finally {
    closeConnections();
  }
}

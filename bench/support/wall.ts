import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulatedLwpBus, type SimulatedLwpBus } from '../../controller/src/hardware/lwp/pty-simulator.ts';
import { callApi, startControllerProcess, type ControllerProcess } from './controller.ts';
import { now, sleep } from './stats.ts';

/** Shortest pulse the config allows: keeps the one-coil-at-a-time wait of a board small. */
export const PULSE_MS = 50;
const SIZES = ['S', 'S', 'S', 'S', 'M', 'M', 'M', 'L', 'L', 'XL'] as const;

export interface DoorSpot {
  id: string;
  board: string;
  channel: number;
}

export interface WallLayout {
  boards: { id: string; channels: number }[];
  doors: DoorSpot[];
}

/**
 * `doorCount` doors spread over `boardCount` boards. Neighbouring door numbers sit on different
 * boards, so consecutive opens rarely wait for the same board's coil.
 */
export function wallLayout(doorCount: number, boardCount: number): WallLayout {
  const channels = Math.ceil(doorCount / boardCount);
  const boards = Array.from({ length: boardCount }, (_, i) => ({ id: `B${String(i + 1).padStart(2, '0')}`, channels }));
  const doors = Array.from({ length: doorCount }, (_, i) => ({ id: String(i + 1), board: boards[i % boardCount]!.id, channel: Math.floor(i / boardCount) + 1 }));
  return { boards, doors };
}

/** Controller config for the layout: lwp boards on the given serial ports. */
export function wallConfig(layout: WallLayout, ports: Map<string, string> | null, baudRate: number): Record<string, unknown> {
  const rows = 10;
  const driver = ports ? 'lwp' : 'sim';
  return {
    demo: true,
    hardware: { driver, pulseMs: PULSE_MS },
    boards: layout.boards.map((b) => (ports ? { id: b.id, driver, channels: b.channels, port: ports.get(b.id), baudRate, options: {} } : { id: b.id, driver, channels: b.channels, options: {} })),
    doors: layout.doors.map((d, i) => ({
      id: d.id,
      size: SIZES[i % SIZES.length],
      board: d.board,
      channel: d.channel,
      column: Math.floor(i / rows),
      row: i % rows,
      accessible: i % rows >= 2 && i % rows <= 6,
      secure: false,
    })),
  };
}

/** Times (hrtime) at which a board simulator finished receiving an OPEN command line. */
export class OpenFrameProbe {
  readonly arrivals: bigint[] = [];

  attach(bus: SimulatedLwpBus, boardIds: string[]): void {
    for (const id of boardIds) {
      const board = bus.sim.board(id).board;
      const receive = board.receive.bind(board);
      let partial = '';
      board.receive = (chunk: Uint8Array, at?: number) => {
        const t = now();
        partial += Buffer.from(chunk).toString('latin1');
        let nl: number;
        while ((nl = partial.indexOf('\n')) >= 0) {
          if (/^C\d+ OPEN /.test(partial.slice(0, nl))) this.arrivals.push(t);
          partial = partial.slice(nl + 1);
        }
        receive(chunk, at);
      };
    }
  }
}

export interface StoredParcel {
  id: string;
  door: string;
  code: string;
}

export interface BenchWall {
  layout: WallLayout;
  /** the board simulators on PTYs; null with the in-process sim driver. */
  bus: SimulatedLwpBus | null;
  probe: OpenFrameProbe;
  controller: ControllerProcess;
  dataDir: string;
  clerkToken: string;
  /** deposits `count` parcels through the API, closes their doors and returns them with their codes. */
  storeParcels(count: number, concurrency?: number): Promise<StoredParcel[]>;
  /** a hand closes the door (so an opened pickup becomes collected). */
  closeDoor(doorId: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Board simulators on socat PTYs in this process (the lock boards) and the real controller process
 * driving them over lwp: the serial line, the driver and the controller are all the real thing.
 */
export async function startBenchWall(options: {
  doors: number;
  boards: number;
  baudRate: number;
  /** 'sim': the controller's in-process simulated boards, no serial line at all (default 'lwp'). */
  driver?: 'lwp' | 'sim';
  env?: Record<string, string>;
  entry?: string[];
}): Promise<BenchWall> {
  const layout = wallLayout(options.doors, options.boards);
  const dataDir = await mkdtemp(join(tmpdir(), 'lockerwall-bench-'));
  const bus = options.driver === 'sim' ? null : await startSimulatedLwpBus(layout.boards, { baudRate: options.baudRate });
  const probe = new OpenFrameProbe();
  if (bus) probe.attach(bus, layout.boards.map((b) => b.id));
  let controller: ControllerProcess;
  try {
    controller = await startControllerProcess({
      dataDir,
      config: wallConfig(layout, bus?.paths ?? null, options.baudRate),
      ...(options.env ? { env: options.env } : {}),
      ...(options.entry ? { entry: options.entry } : {}),
    });
  } catch (error) {
    await bus?.stop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const spot = new Map(layout.doors.map((d) => [d.id, d]));
  const closeDoor = async (doorId: string) => {
    const d = spot.get(doorId)!;
    if (bus) bus.sim.closeDoor(d.board, d.channel);
    else await callApi(controller.baseUrl, 'POST', `/api/sim/doors/${doorId}/close`);
  };
  const stop = async () => {
    await controller.stop();
    await bus?.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  const session = await callApi(controller.baseUrl, 'POST', '/api/clerk/session', { pin: '1234' });
  if (session.status !== 200) {
    await stop();
    throw new Error(`clerk sign-in failed: ${session.status} ${JSON.stringify(session.body)}`);
  }
  // demo recipients who do not need an accessible door, so the wall fills up to its last door
  const recipients = ['E1001', 'E1002', 'E1003', 'E1004', 'E1005', 'E1006', 'E1008', 'E1009'];
  let serial = 0;

  async function storeParcels(count: number, concurrency = 1): Promise<StoredParcel[]> {
    const deposited: { id: string; door: string }[] = [];
    let next = 0;
    const depositor = async () => {
      while (next < count) {
        const i = next++;
        const tracking = `BENCH${process.pid}${String(serial++).padStart(7, '0')}`;
        const r = await callApi(controller.baseUrl, 'POST', '/api/parcels', { tracking, recipientId: recipients[i % recipients.length], size: 'S' }, session.body.token);
        if (r.status !== 201) throw new Error(`deposit ${i + 1} failed: ${r.status} ${JSON.stringify(r.body)}`);
        deposited.push({ id: r.body.id, door: r.body.door });
        await closeDoor(r.body.door);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, depositor));
    const wanted = new Set(deposited.map((d) => d.id));
    const codes = new Map<string, string>();
    const deadline = Date.now() + 60_000 + count * 50;
    while (codes.size < wanted.size) {
      if (Date.now() > deadline) throw new Error(`only ${codes.size} of ${count} pickup codes were delivered`);
      await sleep(100);
      const text = await readFile(join(dataDir, 'notifications.jsonl'), 'utf8').catch(() => '');
      for (const line of text.split('\n')) {
        let n: { parcelId?: string; pickupCode?: string };
        try {
          n = JSON.parse(line) as typeof n;
        } catch {
          continue; // empty, or a line still being written
        }
        if (n.parcelId && n.pickupCode && wanted.has(n.parcelId)) codes.set(n.parcelId, n.pickupCode);
      }
    }
    return deposited.map((d) => ({ ...d, code: codes.get(d.id)! }));
  }

  return {
    layout,
    bus,
    probe,
    controller,
    dataDir,
    clerkToken: session.body.token,
    storeParcels,
    closeDoor,
    stop,
  };
}

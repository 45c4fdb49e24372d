import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialBoardSimulator } from '../../../../firmware-protocol/simulator/serial-board.ts';
import { startPtyPair, type PtyPair } from './socat-pty.ts';

export interface SimulatedBoardSpec {
  id: string;
  channels: number;
}

export interface SimulatedLwpBusOptions {
  /** folder for the PTY links (default: a fresh temp dir, removed by stop()). */
  dir?: string;
  baudRate?: number;
  /** simulated doors close by themselves this long after a commanded open; 0 waits for closeDoor(). */
  autoCloseMs?: number;
  /** append every lock pulse of every board to this JSONL file. */
  pulseLog?: string;
}

export interface SimulatedLwpBus {
  /** board id -> device path for the driver (a socat PTY link). */
  paths: Map<string, string>;
  sim: {
    /** a hand closes / forces a door; a board id that is not simulated here is ignored (mixed walls). */
    closeDoor(boardId: string, channel: number): void;
    forceDoor(boardId: string, channel: number): void;
    /** the simulator itself, for fault injection and the pulse record. */
    board(boardId: string): SerialBoardSimulator;
  };
  stop(): Promise<void>;
}

/**
 * Lock boards that do not exist yet: one socat PTY pair and one LWP/1 board simulator per board, so
 * the real lwp driver runs end to end on a real (pseudo) serial line. Needs `socat` on the PATH.
 * @example
 *   const bus = await startSimulatedLwpBus([{ id: 'A', channels: 12 }]);
 *   const board = createLwpBoard({ id: 'A', channels: 12, path: bus.paths.get('A')! });
 */
export async function startSimulatedLwpBus(boards: SimulatedBoardSpec[], options: SimulatedLwpBusOptions = {}): Promise<SimulatedLwpBus> {
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'lockerwall-lwp-')));
  const pairs: PtyPair[] = [];
  const sims = new Map<string, SerialBoardSimulator>();
  const paths = new Map<string, string>();
  const stop = async () => {
    for (const s of sims.values()) await s.stop();
    for (const p of pairs) await p.stop();
    if (ownDir) await rm(dir, { recursive: true, force: true });
  };
  try {
    for (const b of boards) {
      const pair = await startPtyPair(join(dir, `lwp-${b.id}-board`), join(dir, `lwp-${b.id}-controller`));
      pairs.push(pair);
      const sim = new SerialBoardSimulator({
        path: pair.a,
        channels: b.channels,
        boardId: b.id,
        firmware: 'sim-1.0.0',
        ...(options.baudRate ? { baudRate: options.baudRate } : {}),
        ...(options.autoCloseMs ? { autoCloseMs: options.autoCloseMs } : {}),
        ...(options.pulseLog ? { pulseLog: options.pulseLog } : {}),
      });
      await sim.start();
      sims.set(b.id, sim);
      paths.set(b.id, pair.b);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  const simOf = (boardId: string) => {
    const s = sims.get(boardId);
    if (!s) throw new Error(`no simulated lock board "${boardId}"`);
    return s;
  };
  return {
    paths,
    sim: {
      closeDoor: (boardId, channel) => sims.get(boardId)?.board.closeDoor(channel),
      forceDoor: (boardId, channel) => sims.get(boardId)?.board.forceDoor(channel),
      board: simOf,
    },
    stop,
  };
}

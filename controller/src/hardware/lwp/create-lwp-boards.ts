import type { BoardConfig, LockerwallConfig } from '../../../../config/schema.ts';
import { createLwpBoard, type LwpBoard, type LwpBoardOptions } from './lwp-board.ts';
import { startSimulatedLwpBus } from './pty-simulator.ts';

export interface LwpSimControls {
  closeDoor(boardId: string, channel: number): void;
  forceDoor(boardId: string, channel: number): void;
}

export interface CreatedLwpBoards {
  boards: Map<string, LwpBoard>;
  /** set when at least one board had no port and runs on the simulator (for the /api/sim routes). */
  simControls: LwpSimControls | null;
  /** stops the simulators and PTYs this started (the boards themselves are stopped by their owner). */
  dispose(): Promise<void>;
}

const NUMBER_OPTIONS = ['replyTimeoutMs', 'attempts', 'heartbeatMs', 'reconnectMinMs', 'reconnectMaxMs', 'startTimeoutMs'] as const;

/** Driver settings from boards[].options; a wrong type is a config error the admin can fix. */
function driverOptions(board: BoardConfig): Partial<LwpBoardOptions> {
  const out: Partial<LwpBoardOptions> = {};
  for (const key of NUMBER_OPTIONS) {
    const v = board.options[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0)
      throw new Error(`boards[${board.id}].options.${key} must be a positive number of ${key === 'attempts' ? 'tries' : 'milliseconds'}`);
    out[key] = v;
  }
  const firmwareId = board.options.firmwareBoardId;
  if (firmwareId !== undefined) {
    if (typeof firmwareId !== 'string') throw new Error(`boards[${board.id}].options.firmwareBoardId must be a string`);
    out.boardId = firmwareId;
  }
  return out;
}

/**
 * Builds lwp drivers for the given boards (not started). Boards without a `port` get a board
 * simulator on a socat PTY pair, so `LOCKERWALL_HARDWARE=lwp npm start` runs the real driver end to end.
 */
export async function createLwpBoards(config: LockerwallConfig, boardsConfig: BoardConfig[]): Promise<CreatedLwpBoards> {
  const simulated = boardsConfig.filter((b) => !b.port);
  const bus = simulated.length
    ? await startSimulatedLwpBus(
        simulated.map((b) => ({ id: b.id, channels: b.channels })),
        { autoCloseMs: config.hardware.simAutoCloseMs, ...(simulated[0]?.baudRate ? { baudRate: simulated[0].baudRate } : {}) },
      )
    : null;
  const boards = new Map<string, LwpBoard>();
  try {
    for (const b of boardsConfig) {
      const path = b.port || bus?.paths.get(b.id);
      if (!path) throw new Error(`board ${b.id}: no serial port and no simulator`);
      boards.set(b.id, createLwpBoard({ id: b.id, channels: b.channels, path, ...(b.baudRate ? { baudRate: b.baudRate } : {}), ...driverOptions(b) }));
    }
  } catch (err) {
    await bus?.stop();
    throw err;
  }
  return {
    boards,
    simControls: bus ? { closeDoor: bus.sim.closeDoor, forceDoor: bus.sim.forceDoor } : null,
    dispose: async () => {
      await bus?.stop();
    },
  };
}

import type { LockerwallConfig } from '../../../config/schema.ts';
import type { DoorSimulator } from '../http/deps.ts';
import type { LockBoard } from './lock-board.ts';
import { SimBoard } from './sim-board.ts';

export interface CreatedBoards {
  boards: Map<string, LockBoard>;
  /** present when the boards are simulated: lets the sim routes close or force a door. */
  simulator?: DoorSimulator;
  /** stops helper processes a driver started (e.g. a simulator on a PTY). */
  dispose(): Promise<void>;
}

/** Builds one driver per configured board. New drivers register here. */
export async function createBoards(config: LockerwallConfig): Promise<CreatedBoards> {
  const boards = new Map<string, LockBoard>();
  for (const board of config.boards) {
    const driver = board.driver ?? config.hardware.driver;
    switch (driver) {
      case 'sim':
        boards.set(board.id, new SimBoard({ id: board.id, channels: board.channels, autoCloseMs: config.hardware.simAutoCloseMs }));
        break;
      default:
        throw new Error(`hardware driver "${driver}" for board ${board.id} is not available in this build`);
    }
  }
  const sims = new Map([...boards].filter((e): e is [string, SimBoard] => e[1] instanceof SimBoard));
  const simulator: DoorSimulator | undefined =
    sims.size === 0
      ? undefined
      : {
          close: (boardId, channel) => sims.get(boardId)?.closeDoor(channel),
          force: (boardId, channel) => sims.get(boardId)?.forceDoor(channel),
        };
  return { boards, simulator, dispose: async () => {} };
}

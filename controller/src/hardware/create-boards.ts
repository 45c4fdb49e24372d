import type { LockerwallConfig } from '../../../config/schema.ts';
import type { LockBoard } from './lock-board.ts';
import { SimBoard } from './sim-board.ts';

export interface CreatedBoards {
  boards: Map<string, LockBoard>;
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
  return { boards, dispose: async () => {} };
}

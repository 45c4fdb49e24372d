import type { BoardConfig, HardwareDriver, LockerwallConfig } from '../../../config/schema.ts';
import type { DoorSimulator } from '../http/deps.ts';
import { createBoard8aBoards } from './board-8a/index.ts';
import { createGpioBoards } from './gpio/index.ts';
import { createKerongBoards } from './kerong-cu16/index.ts';
import type { LockBoard } from './lock-board.ts';
import { createLwpBoards } from './lwp/index.ts';
import { SerialLinks } from './serial-link.ts';
import { SimBoard } from './sim-board.ts';

export interface CreatedBoards {
  boards: Map<string, LockBoard>;
  /** present when boards are simulated: lets the sim routes close or force a door. */
  simulator?: DoorSimulator;
  /** stops helper processes a driver started (e.g. a simulator on a PTY). */
  dispose(): Promise<void>;
}

/** Builds one driver per configured board, grouped by driver; boards are not started here. */
export async function createBoards(config: LockerwallConfig): Promise<CreatedBoards> {
  const byDriver = new Map<HardwareDriver, BoardConfig[]>();
  for (const board of config.boards) {
    const driver = board.driver ?? config.hardware.driver;
    byDriver.set(driver, [...(byDriver.get(driver) ?? []), board]);
  }
  const boards = new Map<string, LockBoard>();
  const simulators: DoorSimulator[] = [];
  const disposers: (() => Promise<void>)[] = [];
  const links = new SerialLinks();
  const add = (built: LockBoard[]) => built.forEach((b) => boards.set(b.id, b));

  for (const [driver, configs] of byDriver) {
    switch (driver) {
      case 'sim': {
        const sims = new Map(configs.map((b) => [b.id, new SimBoard({ id: b.id, channels: b.channels, autoCloseMs: config.hardware.simAutoCloseMs })]));
        add([...sims.values()]);
        simulators.push({ close: (id, ch) => sims.get(id)?.closeDoor(ch), force: (id, ch) => sims.get(id)?.forceDoor(ch) });
        break;
      }
      case 'lwp': {
        const lwp = await createLwpBoards(config, configs);
        add([...lwp.boards.values()]);
        disposers.push(lwp.dispose);
        if (lwp.simControls) simulators.push({ close: lwp.simControls.closeDoor, force: lwp.simControls.forceDoor });
        break;
      }
      case 'kerong-cu16':
        add(createKerongBoards(configs, config.hardware, links));
        break;
      case 'board-8a':
        add(createBoard8aBoards(configs, config.hardware, links));
        break;
      case 'gpio':
        add(createGpioBoards(configs, config.hardware));
        break;
    }
  }

  const simulator: DoorSimulator | undefined =
    simulators.length === 0
      ? undefined
      : {
          close: async (id, ch) => {
            for (const s of simulators) await s.close(id, ch);
          },
          force: async (id, ch) => {
            for (const s of simulators) await s.force(id, ch);
          },
        };
  return {
    boards,
    simulator,
    dispose: async () => {
      for (const d of disposers) await d().catch(() => undefined);
    },
  };
}

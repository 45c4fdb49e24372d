import type { LockerwallConfig } from '../../../config/schema.ts';
import type { Store } from '../store/store.ts';
import type { DepositService } from '../services/deposit.ts';
import type { DoorChecks } from '../services/door-checks.ts';
import type { WallEventBus } from '../services/event-bus.ts';
import type { PickupService } from '../services/pickup.ts';
import type { ReaderInputs } from '../services/reader-inputs.ts';
import type { StaffAuth } from '../services/staff-auth.ts';
import type { Wall } from '../services/wall.ts';

/** Hands a simulated person's hand to the sim routes: closing or forcing a door. */
export interface DoorSimulator {
  close(boardId: string, channel: number): void | Promise<void>;
  force(boardId: string, channel: number): void | Promise<void>;
}

export interface HttpDeps {
  config: LockerwallConfig;
  store: Store;
  wall: Wall;
  deposit: DepositService;
  pickup: PickupService;
  auth: StaffAuth;
  bus: WallEventBus;
  readers: ReaderInputs;
  doorChecks: DoorChecks;
  simulator?: DoorSimulator;
  /** optional: the scan normaliser's HTTP view (POST /api/scans). */
  normaliseScan?: (raw: string) => unknown;
  uiDir?: string;
  log: (msg: string, extra: Record<string, unknown>) => void;
}

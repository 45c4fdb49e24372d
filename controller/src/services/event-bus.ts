import { EventEmitter } from 'node:events';
import type { DoorState, ParcelStatus } from '../domain/types.ts';
import type { ScanResult } from '../readers/scan/types.ts';

export interface DoorView extends DoorState {
  occupied: boolean;
}

export type AlarmType =
  | 'door_forced'
  | 'door_held_open'
  | 'door_failed'
  | 'board_offline'
  | 'code_guessing'
  | 'unknown_door_outcome'
  | 'parcel_quarantined'
  | 'storage'
  | 'audit_discrepancy'
  | 'door_reported'
  | 'outgoing_exception'
  | 'outgoing_late';

/** Everything adapters (SSE, MQTT, metrics) may observe. Payloads carry opaque ids only. */
export interface WallEvents {
  door: [DoorView];
  parcel: [{ id: string; status: ParcelStatus; door: string | null; event: string }];
  alarm: [{ type: AlarmType; door?: string; board?: string; message: string; at: string }];
  board: [{ board: string; state: 'online' | 'offline'; reason?: string }];
  /** a label read by the serial scanner (clerk screens only; never forwarded to MQTT). */
  scan: [ScanResult];
  /** a card tapped on the serial badge reader: a one-time id, never the card number. */
  badge: [{ tap: string }];
}

export class WallEventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(200);
  }

  emit<K extends keyof WallEvents>(name: K, ...args: WallEvents[K]): void {
    for (const listener of this.emitter.listeners(name)) {
      try {
        (listener as (...a: WallEvents[K]) => void)(...args);
      } catch {
        /* an observer's failure never reaches the door logic */
      }
    }
  }

  on<K extends keyof WallEvents>(name: K, listener: (...args: WallEvents[K]) => void): () => void {
    this.emitter.on(name, listener as (...a: unknown[]) => void);
    return () => this.emitter.off(name, listener as (...a: unknown[]) => void);
  }
}

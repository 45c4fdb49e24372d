import { randomUUID } from 'node:crypto';
import type { LockerwallConfig } from '../../../config/schema.ts';
import { DomainError, type Clock, type DoorState } from '../domain/types.ts';
import type { DoorSensorEvent, LockBoard } from '../hardware/lock-board.ts';
import type { Store } from '../store/store.ts';
import type { DoorView, WallEventBus } from './event-bus.ts';

export interface OpenIntent {
  id: string;
  doorId: string;
}

export interface DoorTransitionListener {
  (doorId: string, open: boolean): void;
}

/** How long after a commanded pulse a door opening counts as commanded rather than forced. */
const COMMANDED_OPEN_WINDOW_MS = 15_000;

/**
 * Door supervision: maps doors to board channels, energises locks only for journalled intents, tracks
 * door sensors and raises forced / held-open / board alarms.
 */
export class Wall {
  private readonly doorByChannel = new Map<string, string>();
  private readonly lastCommandAt = new Map<string, number>();
  private readonly heldOpenTimers = new Map<string, NodeJS.Timeout>();
  private readonly transitionListeners: DoorTransitionListener[] = [];
  private readonly unsubscribes: (() => void)[] = [];

  constructor(
    private readonly config: LockerwallConfig,
    private readonly store: Store,
    private readonly boards: Map<string, LockBoard>,
    private readonly bus: WallEventBus,
    private readonly clock: Clock,
  ) {
    for (const d of config.doors) this.doorByChannel.set(`${d.board}/${d.channel}`, d.id);
  }

  /** Never pulses a lock: it reads door state and flags intents whose outcome the last run never saw. */
  async start(): Promise<void> {
    const now = this.nowIso();
    this.store.doors.syncWithConfig(this.config.doors, now);
    for (const op of this.store.journal.unfinished()) {
      this.store.transaction(() => {
        this.store.journal.recordOutcome(op.id, 'unknown', now, 'controller stopped before the board answered');
        this.store.doors.setFault(op.doorId, 'unknown_outcome', now);
      });
      this.bus.emit('alarm', {
        type: 'unknown_door_outcome',
        door: op.doorId,
        message: `Door ${op.doorId}: the controller stopped while opening it — check the door and clear the fault.`,
        at: now,
      });
    }
    for (const [boardId, board] of this.boards) {
      this.unsubscribes.push(
        board.subscribe({
          door: (e) => this.onDoorEvent(e),
          availability: (state, reason) => this.onAvailability(boardId, state, reason),
        }),
      );
    }
    await Promise.all(
      [...this.boards.values()].map(async (board) => {
        try {
          await board.start();
          await this.refreshBoard(board);
        } catch (error) {
          this.onAvailability(board.id, 'offline', (error as Error).message);
        }
      }),
    );
  }

  async stop(): Promise<void> {
    for (const t of this.heldOpenTimers.values()) clearTimeout(t);
    this.heldOpenTimers.clear();
    for (const u of this.unsubscribes.splice(0)) u();
    await Promise.all([...this.boards.values()].map((b) => b.stop().catch(() => undefined)));
  }

  onDoorTransition(listener: DoorTransitionListener): void {
    this.transitionListeners.push(listener);
  }

  doors(): DoorView[] {
    const occupied = this.store.doors.occupiedIds();
    return this.store.doors.list().map((d) => ({ ...d, occupied: occupied.has(d.id) }));
  }

  door(doorId: string): DoorView | undefined {
    const d = this.store.doors.get(doorId);
    return d && { ...d, occupied: this.store.doors.occupiedIds().has(d.id) };
  }

  /** Must run inside the caller's transaction, so the decision and the intent commit together. */
  recordOpenIntent(doorId: string, reason: string, actor: string, parcelId: string | null): OpenIntent {
    const door = this.store.doors.get(doorId);
    if (!door) throw new DomainError('unknown_door', `There is no door ${doorId}.`, 404);
    const board = this.boards.get(door.board);
    if (!board?.isOnline())
      throw new DomainError('board_offline', `Door ${doorId} cannot be opened: its lock board ${door.board} is offline.`, 503);
    const intent = { id: randomUUID(), doorId };
    this.store.journal.recordIntent({ id: intent.id, doorId, reason, actor, parcelId, requestedAt: this.nowIso() });
    return intent;
  }

  /** Energises the lock of a committed intent and journals the outcome. Throws DomainError on failure. */
  async executeOpen(intent: OpenIntent): Promise<void> {
    const door = this.store.doors.get(intent.doorId)!;
    const board = this.boards.get(door.board)!;
    this.lastCommandAt.set(intent.doorId, Date.now());
    try {
      await board.open(door.channel, intent.id, this.config.hardware.pulseMs);
    } catch (error) {
      const message = (error as Error).message;
      this.afterPulse(() => this.store.journal.recordOutcome(intent.id, 'failed', this.nowIso(), message));
      this.lastCommandAt.delete(intent.doorId);
      throw new DomainError('door_failed', `Door ${intent.doorId} did not open (${message}).`, 503, { door: intent.doorId });
    }
    // Only the board decides whether the door opened: a failed write after the pulse must not turn an
    // open door into "did not open". An outcome that cannot be written stays unknown and is flagged at restart.
    this.afterPulse(() => this.store.journal.recordOutcome(intent.id, 'pulsed', this.nowIso()));
  }

  /** Runs a record-keeping write that follows a lock pulse; a failure (e.g. disk full) is reported, not thrown. */
  afterPulse(write: () => void): void {
    try {
      write();
    } catch (error) {
      this.bus.emit('alarm', { type: 'storage', message: `A record after a door operation could not be written: ${(error as Error).message}`, at: this.nowIso() });
    }
  }

  setEnabled(doorId: string, enabled: boolean): DoorView {
    if (!this.store.doors.get(doorId)) throw new DomainError('unknown_door', `There is no door ${doorId}.`, 404);
    this.store.doors.setEnabled(doorId, enabled, this.nowIso());
    return this.publishDoor(doorId)!;
  }

  markFault(doorId: string, fault: string | null): DoorView {
    if (!this.store.doors.get(doorId)) throw new DomainError('unknown_door', `There is no door ${doorId}.`, 404);
    this.store.doors.setFault(doorId, fault, this.nowIso());
    return this.publishDoor(doorId)!;
  }

  publishDoor(doorId: string): DoorView | undefined {
    const view = this.door(doorId);
    if (view) this.bus.emit('door', view);
    return view;
  }

  private async refreshBoard(board: LockBoard): Promise<void> {
    const states = await board.readStatus();
    for (const s of states) {
      const doorId = this.doorByChannel.get(`${board.id}/${s.channel}`);
      if (!doorId) continue;
      const known = this.store.doors.get(doorId);
      if (known && known.open !== s.doorOpen) this.applySensor(doorId, s.doorOpen, false);
      else this.publishDoor(doorId);
    }
  }

  private onDoorEvent(event: DoorSensorEvent): void {
    const doorId = this.doorByChannel.get(`${event.boardId}/${event.channel}`);
    if (!doorId) return;
    this.applySensor(doorId, event.kind !== 'closed', event.kind === 'forced');
  }

  private applySensor(doorId: string, open: boolean, reportedForced: boolean): void {
    const now = this.nowIso();
    const before = this.store.doors.get(doorId);
    if (!before || (before.open === open && !reportedForced)) return;
    this.store.doors.setSensor(doorId, open, now);
    if (open) {
      const commandedAt = this.lastCommandAt.get(doorId);
      const commanded = commandedAt !== undefined && Date.now() - commandedAt < COMMANDED_OPEN_WINDOW_MS;
      this.lastCommandAt.delete(doorId);
      if (reportedForced || !commanded)
        this.bus.emit('alarm', { type: 'door_forced', door: doorId, message: `Door ${doorId} was opened without a command.`, at: now });
      this.armHeldOpenTimer(doorId);
    } else {
      clearTimeout(this.heldOpenTimers.get(doorId));
      this.heldOpenTimers.delete(doorId);
    }
    for (const listener of this.transitionListeners) listener(doorId, open);
    this.publishDoor(doorId);
  }

  private armHeldOpenTimer(doorId: string): void {
    clearTimeout(this.heldOpenTimers.get(doorId));
    const limitMs = this.config.hardware.closeTimeoutMs;
    const timer = setTimeout(() => {
      this.heldOpenTimers.delete(doorId);
      this.bus.emit('alarm', {
        type: 'door_held_open',
        door: doorId,
        message: `Door ${doorId} has been open for more than ${Math.round(limitMs / 1000)} s — please close it.`,
        at: this.nowIso(),
      });
    }, limitMs);
    timer.unref();
    this.heldOpenTimers.set(doorId, timer);
  }

  private onAvailability(boardId: string, state: 'online' | 'offline', reason?: string): void {
    this.bus.emit('board', { board: boardId, state, reason });
    if (state === 'offline')
      this.bus.emit('alarm', {
        type: 'board_offline',
        board: boardId,
        message: `Lock board ${boardId} is offline${reason ? ` (${reason})` : ''}: its doors cannot open.`,
        at: this.nowIso(),
      });
    else {
      const board = this.boards.get(boardId);
      if (board) void this.refreshBoard(board).catch(() => undefined);
    }
  }

  private nowIso(): string {
    return this.clock.now().toISOString();
  }
}

export type { DoorState };

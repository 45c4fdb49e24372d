/**
 * The one interface every lock-board driver implements (sim, lwp, kerong-cu16, board-8a, gpio).
 * Channels are numbered from 1 as printed on the boards' terminal blocks.
 */

export interface ChannelState {
  channel: number;
  /** true while the lock latch is engaged (door locked). */
  locked: boolean;
  /** true while the door sensor reports the door open. */
  doorOpen: boolean;
  /** item-present sensor where the board has one (Kerong infrared), else undefined. */
  itemPresent?: boolean;
}

export type DoorEventKind = 'opened' | 'closed' | 'forced';

export interface DoorSensorEvent {
  boardId: string;
  channel: number;
  kind: DoorEventKind;
  /** board-local time or sequence is driver business; this is when the controller learnt of it. */
  at: Date;
}

export interface OpenResult {
  /** true when the board confirmed it pulsed the lock (or had already pulsed it for this operation id). */
  pulsed: boolean;
  /** the board's answer was a replay of an earlier execution of the same operation id. */
  duplicate?: boolean;
}

export type BoardAvailability = 'online' | 'offline';

export interface LockBoardListener {
  door?(event: DoorSensorEvent): void;
  availability?(state: BoardAvailability, reason?: string): void;
}

export class BoardError extends Error {
  constructor(
    readonly code: 'offline' | 'timeout' | 'rejected' | 'bad-channel' | 'io',
    message: string,
  ) {
    super(message);
    this.name = 'BoardError';
  }
}

export interface LockBoard {
  readonly id: string;
  readonly channelCount: number;
  /** Opens the port / handshakes. Resolves once the board answered; never pulses a lock. */
  start(): Promise<void>;
  /** Releases the port. Never pulses a lock. */
  stop(): Promise<void>;
  isOnline(): boolean;
  /**
   * Pulse one lock. `operationId` is unique per decision: a driver that retries must reuse it so the
   * board executes it at most once. Rejects with BoardError when offline (fail fast, never queued).
   */
  open(channel: number, operationId: string, pulseMs: number): Promise<OpenResult>;
  /** Reads latch and door-sensor state of every channel. */
  readStatus(): Promise<ChannelState[]>;
  /** Subscribe to door events and availability; returns the unsubscribe function. */
  subscribe(listener: LockBoardListener): () => void;
}

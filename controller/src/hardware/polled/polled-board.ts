import { BoardListeners } from '../listeners.ts';
import { BoardError, type ChannelState, type LockBoard, type LockBoardListener, type OpenResult } from '../lock-board.ts';
import { LinkError, type SerialLink } from '../serial-link.ts';
import { DoorChanges } from './door-changes.ts';

export interface PollTiming {
  /** pause between two status polls of this board. */
  pollMs: number;
  /** wait this long for a reply. */
  replyTimeoutMs: number;
  /** extra attempts of a status query after a timeout or a corrupt reply. */
  retries: number;
  /** consecutive failed polls before the board is reported offline. */
  offlineAfter: number;
  /** an opening within this long after our command is `opened`, later or without one `forced`. */
  forcedWindowMs: number;
  /** start() gives up after this long without an answer. */
  startTimeoutMs: number;
  /** while offline, look for the board this often, with a single attempt, so a dead board does not hog a shared bus. */
  offlinePollMs: number;
}

export const DEFAULT_POLL_TIMING: PollTiming = {
  pollMs: 250,
  replyTimeoutMs: 300,
  retries: 2,
  offlineAfter: 3,
  forcedWindowMs: 10_000,
  startTimeoutMs: 5_000,
  offlinePollMs: 2_000,
};

/** What the board said to an open command: `confirmed` acknowledged it, `unconfirmed` said nothing. */
export type PulseAnswer = 'confirmed' | 'unconfirmed';

const REMEMBERED_OPERATIONS = 1000;

/**
 * A board that never speaks first (Kerong CU16, 0x8A boards): the controller polls it over a shared
 * serial link, derives door events from changes, and marks it offline after repeated silence.
 * These boards know nothing of operation ids, so an open command is never resent: a lost
 * acknowledgement is settled by reading the door sensor instead.
 */
export abstract class PolledSerialBoard implements LockBoard {
  readonly channelCount: number;
  protected readonly timing: PollTiming;
  private readonly listeners = new BoardListeners();
  private readonly changes: DoorChanges;
  /** outcome per operation id: a result, or the error of an open whose outcome is unknown. */
  private readonly executed = new Map<string, OpenResult | BoardError>();
  private online = false;
  private running = false;
  private failedPolls = 0;
  private pollTimer: NodeJS.Timeout | undefined;
  private unwatchLink: (() => void) | undefined;
  private lastStates: ChannelState[] | undefined;

  constructor(
    readonly id: string,
    channels: number,
    protected readonly link: SerialLink,
    timing: Partial<PollTiming> = {},
  ) {
    this.channelCount = channels;
    this.timing = { ...DEFAULT_POLL_TIMING, ...timing };
    this.changes = new DoorChanges(id, this.timing.forcedWindowMs);
  }

  /** e.g. `Kerong board A (address 1 on /dev/ttyUSB0)`, used in every error message. */
  protected abstract describe(): string;
  /** One status query, no retry. Throws LinkError. */
  protected abstract queryStatus(): Promise<ChannelState[]>;
  /** Sends one open command for `channel`, never repeated. Throws LinkError when it could not be sent. */
  protected abstract sendOpen(channel: number): Promise<PulseAnswer>;

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.link.retain();
    this.unwatchLink = this.link.onState((up, reason) => {
      if (!up) this.setOnline(false, `serial port ${this.link.path} lost: ${reason ?? 'closed'}`);
    });
    try {
      await this.link.waitUntilUp(this.timing.startTimeoutMs);
      this.applyStates(await this.readWithRetries());
    } catch (err) {
      await this.stop();
      throw this.toBoardError(err, 'did not answer at start');
    }
    this.failedPolls = 0;
    this.setOnline(true);
    this.schedulePoll();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    this.unwatchLink?.();
    this.unwatchLink = undefined;
    await this.link.release();
    if (this.online) {
      this.online = false;
      this.listeners.availability('offline', 'stopped');
    }
  }

  isOnline(): boolean {
    return this.online;
  }

  /** The serial port of the bus this board hangs on. */
  get portPath(): string {
    return this.link.path;
  }

  subscribe(listener: LockBoardListener): () => void {
    return this.listeners.add(listener);
  }

  async readStatus(): Promise<ChannelState[]> {
    this.assertOnline();
    try {
      return this.applyStates(await this.readWithRetries());
    } catch (err) {
      throw this.toBoardError(err, 'did not report its status');
    }
  }

  async open(channel: number, operationId: string, pulseMs: number): Promise<OpenResult> {
    this.assertOnline();
    if (!Number.isInteger(channel) || channel < 1 || channel > this.channelCount)
      throw new BoardError('bad-channel', `${this.describe()} has no channel ${channel} (it has 1-${this.channelCount})`);
    const earlier = this.executed.get(operationId);
    if (earlier instanceof BoardError) throw earlier; // outcome unknown: never risk a second pulse for it
    if (earlier) return { ...earlier, duplicate: true };
    this.changes.commanded(channel);
    let answer: PulseAnswer;
    try {
      answer = await this.sendOpen(channel);
    } catch (err) {
      throw this.toBoardError(err, `could not be told to open channel ${channel}`);
    }
    // Once the command may have reached the board, this operation is spent: never pulse it again.
    const result: OpenResult = { pulsed: true };
    this.remember(operationId, result);
    if (answer === 'confirmed') {
      await this.readStatus().catch(() => undefined); // door events follow from the fresh reading
      return result;
    }
    if (await this.sawDoorOpen(channel, pulseMs + this.timing.replyTimeoutMs)) return result;
    const unknown = new BoardError(
      'timeout',
      `${this.describe()} did not confirm opening channel ${channel} and the door still reads closed — check the door; the lock may or may not have been pulsed`,
    );
    this.remember(operationId, unknown);
    throw unknown;
  }

  private remember(operationId: string, outcome: OpenResult | BoardError): void {
    this.executed.set(operationId, outcome);
    if (this.executed.size > REMEMBERED_OPERATIONS) this.executed.delete(this.executed.keys().next().value as string);
  }

  private async sawDoorOpen(channel: number, withinMs: number): Promise<boolean> {
    const deadline = Date.now() + withinMs;
    do {
      try {
        const states = await this.readStatus();
        if (states[channel - 1]?.doorOpen) return true;
      } catch {
        /* keep looking until the deadline */
      }
      await new Promise((r) => setTimeout(r, Math.min(50, this.timing.pollMs)));
    } while (Date.now() < deadline && this.online);
    return false;
  }

  private async readWithRetries(retries = this.timing.retries): Promise<ChannelState[]> {
    let lastError: unknown;
    for (let attempt = 0; attempt <= retries; attempt++) {
      try {
        return await this.queryStatus();
      } catch (err) {
        lastError = err;
        if (err instanceof LinkError && (err.code === 'down' || err.code === 'io')) break; // no point retrying a dead port
      }
    }
    throw lastError;
  }

  private applyStates(states: ChannelState[]): ChannelState[] {
    this.lastStates = states;
    for (const event of this.changes.update(states.map((s) => s.doorOpen))) this.listeners.door(event);
    return states;
  }

  private schedulePoll(): void {
    if (!this.running) return;
    const delay = this.online ? this.timing.pollMs : Math.max(this.timing.pollMs, this.timing.offlinePollMs);
    this.pollTimer = setTimeout(() => void this.poll(), delay);
  }

  private async poll(): Promise<void> {
    try {
      const states = await this.readWithRetries(this.online ? this.timing.retries : 0);
      if (!this.running) return;
      this.failedPolls = 0;
      this.applyStates(states);
      this.setOnline(true);
    } catch (err) {
      this.failedPolls += 1;
      if (this.failedPolls >= this.timing.offlineAfter) this.setOnline(false, this.toBoardError(err, 'stopped answering').message);
    }
    this.schedulePoll();
  }

  private setOnline(online: boolean, reason?: string): void {
    if (online === this.online || !this.running) return;
    this.online = online;
    this.listeners.availability(online ? 'online' : 'offline', reason);
  }

  private assertOnline(): void {
    if (!this.online) throw new BoardError('offline', `${this.describe()} is offline — check its power and cable; doors on it cannot be opened now`);
  }

  private toBoardError(err: unknown, what: string): BoardError {
    if (err instanceof BoardError) return err;
    if (err instanceof LinkError) {
      const code = err.code === 'down' ? 'offline' : err.code === 'timeout' ? 'timeout' : 'io';
      return new BoardError(code, `${this.describe()} ${what}: ${err.message}`);
    }
    return new BoardError('io', `${this.describe()} ${what}: ${(err as Error)?.message ?? String(err)}`);
  }

  /** Latest reading (test and diagnostics aid). */
  lastReading(): ChannelState[] | undefined {
    return this.lastStates;
  }
}

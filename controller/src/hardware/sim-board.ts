import { BoardListeners } from './listeners.ts';
import { BoardError, type ChannelState, type LockBoard, type LockBoardListener, type OpenResult } from './lock-board.ts';

export interface SimBoardOptions {
  id: string;
  channels: number;
  /** close a door by itself this long after it opened; 0 waits for closeDoor(). */
  autoCloseMs?: number;
}

export interface PulseRecord {
  channel: number;
  operationId: string;
  at: Date;
}

/**
 * In-process board: a commanded open pulses the lock and the door swings open; it stays open until
 * `closeDoor()` (the sim HTTP route) or the auto-close timer. `forceDoor()` opens it without a command.
 */
export class SimBoard implements LockBoard {
  readonly id: string;
  readonly channelCount: number;
  readonly pulses: PulseRecord[] = [];
  private readonly doors: boolean[];
  private readonly executed = new Map<string, OpenResult>();
  private readonly listeners = new BoardListeners();
  private readonly timers = new Set<NodeJS.Timeout>();
  private online = false;
  private readonly autoCloseMs: number;

  constructor(options: SimBoardOptions) {
    this.id = options.id;
    this.channelCount = options.channels;
    this.autoCloseMs = options.autoCloseMs ?? 0;
    this.doors = new Array<boolean>(options.channels).fill(false);
  }

  async start(): Promise<void> {
    this.online = true;
    this.listeners.availability('online');
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.online = false;
    this.listeners.availability('offline', 'stopped');
  }

  isOnline(): boolean {
    return this.online;
  }

  /** Test hook: the board drops off the bus (or comes back). */
  setOnline(online: boolean): void {
    if (online === this.online) return;
    this.online = online;
    this.listeners.availability(online ? 'online' : 'offline', online ? undefined : 'simulated fault');
  }

  async open(channel: number, operationId: string, _pulseMs: number): Promise<OpenResult> {
    if (!this.online) throw new BoardError('offline', `board ${this.id} is offline`);
    this.checkChannel(channel);
    const earlier = this.executed.get(operationId);
    if (earlier) return { ...earlier, duplicate: true };
    this.pulses.push({ channel, operationId, at: new Date() });
    const result: OpenResult = { pulsed: true };
    this.executed.set(operationId, result);
    if (!this.doors[channel - 1]) {
      this.doors[channel - 1] = true;
      this.listeners.door({ boardId: this.id, channel, kind: 'opened', at: new Date() });
    }
    if (this.autoCloseMs > 0) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.closeDoor(channel);
      }, this.autoCloseMs);
      this.timers.add(timer);
    }
    return result;
  }

  async readStatus(): Promise<ChannelState[]> {
    if (!this.online) throw new BoardError('offline', `board ${this.id} is offline`);
    return this.doors.map((doorOpen, i) => ({ channel: i + 1, locked: !doorOpen, doorOpen }));
  }

  subscribe(listener: LockBoardListener): () => void {
    return this.listeners.add(listener);
  }

  /** A hand closes the door. */
  closeDoor(channel: number): void {
    this.checkChannel(channel);
    if (!this.doors[channel - 1]) return;
    this.doors[channel - 1] = false;
    this.listeners.door({ boardId: this.id, channel, kind: 'closed', at: new Date() });
  }

  /** A door pulled open without a command (forced). */
  forceDoor(channel: number): void {
    this.checkChannel(channel);
    if (this.doors[channel - 1]) return;
    this.doors[channel - 1] = true;
    this.listeners.door({ boardId: this.id, channel, kind: 'forced', at: new Date() });
  }

  private checkChannel(channel: number): void {
    if (!Number.isInteger(channel) || channel < 1 || channel > this.channelCount)
      throw new BoardError('bad-channel', `board ${this.id} has no channel ${channel}`);
  }
}

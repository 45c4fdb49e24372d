import type { ApiClient } from './client.ts';
import type { Alarm, Door, ParcelUpdate, ScanInterpretation } from './types.ts';

export interface WallFeedListener {
  doors?(doors: ReadonlyMap<string, Door>): void;
  parcel?(update: ParcelUpdate): void;
  alarm?(alarm: Alarm): void;
  connection?(connected: boolean): void;
  /** A label read by the controller's serial scanner. */
  scan?(scan: ScanInterpretation & { raw?: string; rawVisible?: string }): void;
  /** A card tapped on the controller's serial badge reader: a one-time id, never the card number. */
  badge?(tap: { tap: string }): void;
}

/**
 * The live state of the wall: door snapshots from `/api/doors`, kept current by `/api/events` (SSE).
 * EventSource reconnects by itself; after every (re)connect the doors are re-read so nothing is missed.
 */
export class WallFeed {
  readonly doors = new Map<string, Door>();
  readonly alarms: Alarm[] = [];
  connected = false;
  private source: EventSource | null = null;
  private readonly listeners = new Set<WallFeedListener>();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly api: ApiClient, private readonly url = '/api/events') {}

  start(): void {
    if (this.source) return;
    const source = new EventSource(this.url);
    this.source = source;
    source.addEventListener('open', () => {
      this.setConnected(true);
      void this.refresh();
    });
    source.addEventListener('error', () => {
      this.setConnected(false);
      // A non-2xx answer closes the EventSource for good; reopen it ourselves.
      if (source.readyState === EventSource.CLOSED) {
        this.source = null;
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => this.start(), 3000);
      }
    });
    source.addEventListener('door', (event) => {
      const raw = parse<Door & { id?: string }>(event);
      // Live events may carry the controller's internal `id` instead of the presented `door` field.
      const id = raw?.door ?? raw?.id;
      if (!raw || !id) return;
      const door: Door = { ...this.doors.get(id)!, ...raw, door: id };
      this.doors.set(id, door);
      this.emitDoors();
    });
    source.addEventListener('parcel', (event) => {
      const update = parse<ParcelUpdate>(event);
      if (update) for (const l of this.listeners) l.parcel?.(update);
    });
    source.addEventListener('scan', (event) => {
      const scan = parse<ScanInterpretation & { raw?: string }>(event);
      if (scan) for (const l of this.listeners) l.scan?.(scan);
    });
    source.addEventListener('badge', (event) => {
      const tap = parse<{ tap: string }>(event);
      if (tap?.tap) for (const l of this.listeners) l.badge?.(tap);
    });
    source.addEventListener('board', (event) => {
      const board = parse<{ board: string; state: string; reason?: string }>(event);
      if (board?.state === 'offline') this.addAlarm({ type: 'board_offline', message: `Lock board ${board.board} offline${board.reason ? `: ${board.reason}` : ''}` });
    });
    source.addEventListener('alarm', (event) => {
      const alarm = parse<Alarm>(event);
      if (alarm) this.addAlarm(alarm);
    });
  }

  async refresh(): Promise<void> {
    try {
      const { doors } = await this.api.doors();
      this.doors.clear();
      for (const door of doors) this.doors.set(door.door, door);
      this.emitDoors();
    } catch {
      // The banner already tells people; the next (re)connect refreshes again.
    }
  }

  private addAlarm(alarm: Alarm): void {
    this.alarms.unshift(alarm);
    this.alarms.length = Math.min(this.alarms.length, 50);
    for (const l of this.listeners) l.alarm?.(alarm);
  }

  subscribe(listener: WallFeedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stop(): void {
    clearTimeout(this.retryTimer);
    this.source?.close();
    this.source = null;
  }

  private setConnected(connected: boolean): void {
    if (this.connected === connected) return;
    this.connected = connected;
    for (const l of this.listeners) l.connection?.(connected);
  }

  private emitDoors(): void {
    for (const l of this.listeners) l.doors?.(this.doors);
  }
}

function parse<T>(event: Event): T | null {
  try {
    return JSON.parse((event as MessageEvent<string>).data) as T;
  } catch {
    return null;
  }
}

import type { DoorSensorEvent } from '../lock-board.ts';

/**
 * Turns successive door-sensor readings of a polled board into door events. An opening counts as
 * `opened` when we commanded that lock within `forcedWindowMs`, otherwise as `forced`.
 * The first reading is the baseline and produces no events.
 */
export class DoorChanges {
  private doorOpen: boolean[] | undefined;
  private readonly lastCommand = new Map<number, number>();

  constructor(
    private readonly boardId: string,
    private readonly forcedWindowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** We are about to pulse `channel`. */
  commanded(channel: number): void {
    this.lastCommand.set(channel, this.now());
  }

  /** `doorOpen[i]` is channel i + 1. Returns the events since the previous reading. */
  update(doorOpen: readonly boolean[]): DoorSensorEvent[] {
    const previous = this.doorOpen;
    this.doorOpen = [...doorOpen];
    if (!previous) return [];
    const events: DoorSensorEvent[] = [];
    const at = new Date(this.now());
    doorOpen.forEach((open, i) => {
      if (open === previous[i]) return;
      const channel = i + 1;
      if (!open) {
        events.push({ boardId: this.boardId, channel, kind: 'closed', at });
        return;
      }
      const commandedAt = this.lastCommand.get(channel);
      const commanded = commandedAt !== undefined && this.now() - commandedAt <= this.forcedWindowMs;
      if (commanded) this.lastCommand.delete(channel); // one command explains one opening
      events.push({ boardId: this.boardId, channel, kind: commanded ? 'opened' : 'forced', at });
    });
    return events;
  }
}

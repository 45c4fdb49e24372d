import type { DoorChange } from '../../../../firmware-protocol/src/messages.ts';
import type { ChannelState, DoorEventKind } from '../lock-board.ts';

export interface DoorChangeReport {
  channel: number;
  kind: DoorEventKind;
}

/**
 * What the controller knows of one board's doors, and which news is really news: a door event the
 * board resent (our ack was lost) or one a STATUS re-read already showed is reported once.
 */
export class DoorLedger {
  private doors: boolean[] | null = null;
  /** channels with an OPEN sent but not confirmed: an unexplained open door there was 'opened', not 'forced'. */
  private readonly unconfirmedOpens = new Set<number>();
  /** event seqs already handled in the current boot of the board. */
  private readonly seen = new Set<number>();

  constructor(private readonly channels: number) {}

  /** The board booted again: its event seqs start over. */
  newBoot(): void {
    this.seen.clear();
  }

  openSent(channel: number): void {
    this.unconfirmedOpens.add(channel);
  }

  openConfirmed(channel: number): void {
    this.unconfirmedOpens.delete(channel);
  }

  /** A DOOR event from the board: the kind to report, or null when it is old news. */
  event(seq: number, channel: number, change: DoorChange): DoorEventKind | null {
    if (this.seen.has(seq)) return null;
    this.seen.add(seq);
    if (this.seen.size > 256) this.seen.delete(this.seen.values().next().value!);
    if (channel > this.channels) return null;
    const open = change !== 'closed';
    if (open) this.unconfirmedOpens.delete(channel);
    if (this.doors) {
      if (this.doors[channel - 1] === open) return null;
      this.doors[channel - 1] = open;
    }
    return change;
  }

  /**
   * A STATUS reply. With `reconcile` (right after a handshake) every difference from what was known
   * is reported: a door found open is 'opened' when an OPEN to it was unconfirmed, else 'forced'.
   */
  status(locked: boolean[], doorOpen: boolean[], reconcile: boolean): { states: ChannelState[]; changes: DoorChangeReport[] } {
    const states: ChannelState[] = [];
    for (let ch = 1; ch <= this.channels; ch++)
      states.push({ channel: ch, locked: locked[ch - 1] ?? false, doorOpen: doorOpen[ch - 1] ?? false });
    const before = this.doors;
    this.doors = states.map((s) => s.doorOpen);
    const changes: DoorChangeReport[] = [];
    if (reconcile) {
      if (before)
        for (const s of states) {
          if (before[s.channel - 1] === s.doorOpen) continue;
          const kind: DoorEventKind = !s.doorOpen ? 'closed' : this.unconfirmedOpens.has(s.channel) ? 'opened' : 'forced';
          changes.push({ channel: s.channel, kind });
        }
      this.unconfirmedOpens.clear();
    }
    return { states, changes };
  }
}

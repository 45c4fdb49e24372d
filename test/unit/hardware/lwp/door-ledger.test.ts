import { describe, expect, it } from 'vitest';
import { DoorLedger } from '../../../../controller/src/hardware/lwp/door-ledger.ts';

const shut = (n: number) => new Array<boolean>(n).fill(false);
const openAt = (n: number, ...channels: number[]) => shut(n).map((_, i) => channels.includes(i + 1));

describe('DoorLedger', () => {
  it('takes the first status as the truth without reporting anything', () => {
    const ledger = new DoorLedger(4);
    const { states, changes } = ledger.status(shut(4), openAt(4, 2), true);
    expect(states[1]).toEqual({ channel: 2, locked: false, doorOpen: true });
    expect(changes).toEqual([]);
  });

  it('reports each door event once, even when the board resends it', () => {
    const ledger = new DoorLedger(4);
    ledger.status(shut(4), shut(4), true);
    expect(ledger.event(5, 3, 'forced')).toBe('forced');
    expect(ledger.event(5, 3, 'forced')).toBeNull();
    expect(ledger.event(6, 3, 'closed')).toBe('closed');
  });

  it('does not repeat an event that a status re-read already reported', () => {
    const ledger = new DoorLedger(4);
    ledger.status(shut(4), shut(4), true);
    expect(ledger.status(shut(4), openAt(4, 1), true).changes).toEqual([{ channel: 1, kind: 'forced' }]);
    expect(ledger.event(9, 1, 'forced')).toBeNull();
  });

  it('calls a door found open after an unconfirmed open "opened", any other "forced"', () => {
    const ledger = new DoorLedger(4);
    ledger.status(shut(4), openAt(4, 4), true);
    ledger.openSent(2);
    const { changes } = ledger.status(shut(4), openAt(4, 2, 3), true);
    expect(changes).toEqual([
      { channel: 2, kind: 'opened' },
      { channel: 3, kind: 'forced' },
      { channel: 4, kind: 'closed' },
    ]);
  });

  it('forgets event seqs when the board boots again, since they start over', () => {
    const ledger = new DoorLedger(4);
    ledger.status(shut(4), shut(4), true);
    expect(ledger.event(2, 1, 'forced')).toBe('forced');
    expect(ledger.event(3, 1, 'closed')).toBe('closed');
    ledger.newBoot();
    expect(ledger.event(2, 1, 'forced')).toBe('forced');
  });

  it('ignores channels beyond the configured ones', () => {
    const ledger = new DoorLedger(2);
    ledger.status(shut(2), shut(2), true);
    expect(ledger.event(1, 7, 'forced')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import type { DoorPayload } from '../../../controller/src/mqtt/topics.ts';
import { doorPayload, summaryPayload } from '../../../controller/src/mqtt/wall-state.ts';

const door = (over: Partial<DoorPayload>): DoorPayload => ({ door: '1', open: false, locked: true, occupied: false, size: 'S', fault: null, enabled: true, ...over });

describe('retained wall state', () => {
  it('publishes door state only, never who or what is inside', () => {
    const payload = doorPayload({
      id: '12', size: 'M', board: 'A', channel: 12, column: 1, row: 5, accessible: false, secure: false,
      enabled: true, open: false, locked: true, fault: null, occupied: true,
    });
    expect(payload).toEqual({ door: '12', open: false, locked: true, occupied: true, size: 'M', fault: null, enabled: true });
  });

  it('counts free and occupied doors by size, open doors and faults', () => {
    const summary = summaryPayload([
      door({ door: '1', size: 'S' }),
      door({ door: '2', size: 'S', occupied: true }),
      door({ door: '3', size: 'M', open: true, locked: false }),
      door({ door: '4', size: 'M', fault: 'unknown_outcome' }),
      door({ door: '5', size: 'L', enabled: false }),
      door({ door: '6', size: 'XL', occupied: true, open: true }),
    ]);
    expect(summary).toEqual({
      total: 6, free: 2, occupied: 2, open: 2, disabled: 1, faults: 1, faultDoors: ['4'],
      bySize: { S: { total: 2, free: 1, occupied: 1 }, M: { total: 2, free: 1, occupied: 0 }, L: { total: 1, free: 0, occupied: 0 }, XL: { total: 1, free: 0, occupied: 1 } },
    });
  });
});

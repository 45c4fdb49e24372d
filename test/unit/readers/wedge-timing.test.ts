import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classifyKeystrokes } from '../../../controller/src/readers/wedge-timing.ts';

describe('classifyKeystrokes', () => {
  it('calls fast, even keystrokes a scanner', () => {
    expect(classifyKeystrokes([0, 8, 16, 25, 33, 41, 50, 58, 66, 75])).toBe('scanner');
  });

  it('calls typing a human', () => {
    expect(classifyKeystrokes([0, 180, 320, 530, 700])).toBe('human');
  });

  it('needs at least 4 keystrokes', () => {
    expect(classifyKeystrokes([0, 5, 10])).toBe('human');
    expect(classifyKeystrokes([0, 5, 10, 15])).toBe('scanner');
  });

  it('ignores a single stall inside a scanner burst (median, not mean)', () => {
    expect(classifyKeystrokes([0, 5, 10, 400, 405, 410, 415])).toBe('scanner');
  });

  it('puts the boundary at a 35 ms median gap', () => {
    expect(classifyKeystrokes([0, 34, 68, 102, 136])).toBe('scanner');
    expect(classifyKeystrokes([0, 35, 70, 105, 140])).toBe('human');
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.array(fc.double()), (ts) => ['scanner', 'human'].includes(classifyKeystrokes(ts))));
    expect(classifyKeystrokes(undefined as never)).toBe('human');
  });
});

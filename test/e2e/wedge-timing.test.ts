import { describe, expect, it } from 'vitest';
import { burstStart, isWedgeBurst } from '../../kiosk-ui/src/controllers/wedge-scanner.ts';

const keys = (gaps: number[]) => gaps.reduce<number[]>((t, g) => [...t, t[t.length - 1]! + g], [1000]);

describe('keyboard-wedge detection', () => {
  it('accepts a badge reader typing ten characters 8 ms apart', () => {
    expect(isWedgeBurst(keys(Array(9).fill(8)), 10)).toBe(true);
  });

  it('rejects a person typing 150 ms apart', () => {
    expect(isWedgeBurst(keys(Array(9).fill(150)), 10)).toBe(false);
  });

  it('rejects bursts shorter than four characters', () => {
    expect(isWedgeBurst(keys([5, 5]), 3)).toBe(false);
  });

  it('judges by the median, so one stalled keystroke in a scan does not reject it', () => {
    expect(isWedgeBurst(keys([6, 7, 400, 6, 8, 7]), 7)).toBe(true);
    expect(isWedgeBurst(keys([6, 90, 400, 120, 8, 70]), 7)).toBe(false);
  });

  it('treats the 35 ms median as human', () => {
    expect(isWedgeBurst(keys([35, 35, 35, 35]), 5)).toBe(false);
    expect(isWedgeBurst(keys([34, 34, 34, 34]), 5)).toBe(true);
  });

  it('leaves out the keys a person typed just before the scan', () => {
    expect(burstStart(keys([250, 600, 8, 8, 8, 8, 8]))).toBe(2);
    expect(burstStart(keys([6, 120, 8, 8, 8, 8, 8]))).toBe(0);
    expect(burstStart(keys([6, 7, 400, 6, 8, 7]))).toBe(0);
  });
});

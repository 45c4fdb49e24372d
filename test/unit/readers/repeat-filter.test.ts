import { describe, expect, it } from 'vitest';
import { RepeatFilter } from '../../../controller/src/readers/repeat-filter.ts';

describe('RepeatFilter', () => {
  it('accepts a key once while it keeps repeating inside the window, again after a quiet window', () => {
    let now = 0;
    const f = new RepeatFilter(1000, () => now);
    expect(f.accept('card')).toBe(true);
    for (let i = 0; i < 20; i++) {
      now += 200; // held for 4 s, repeating every 200 ms
      expect(f.accept('card')).toBe(false);
    }
    now += 1001;
    expect(f.accept('card')).toBe(true);
  });

  it('does not let one key hide another', () => {
    let now = 0;
    const f = new RepeatFilter(1000, () => now);
    expect(f.accept('a')).toBe(true);
    expect(f.accept('b')).toBe(true);
    now += 10;
    expect(f.accept('a')).toBe(false);
  });
});

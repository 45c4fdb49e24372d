import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DebouncedInput } from '../../../controller/src/hardware/gpio/debounced-input.ts';

describe('DebouncedInput', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function input(debounceMs = 50) {
    let line: 0 | 1 = 0;
    const changes: Array<0 | 1> = [];
    const d = new DebouncedInput(() => line, debounceMs, (level) => changes.push(level));
    return { d, changes, set: (level: 0 | 1) => ((line = level), d.nudge()) };
  }

  it('reports a level once it held for the debounce time', () => {
    const { d, changes, set } = input();
    set(1);
    vi.advanceTimersByTime(49);
    expect(changes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(changes).toEqual([1]);
    expect(d.level).toBe(1);
  });

  it('ignores a glitch shorter than the debounce time', () => {
    const { changes, set } = input();
    set(1);
    vi.advanceTimersByTime(10);
    set(0);
    vi.advanceTimersByTime(500);
    expect(changes).toEqual([]);
  });

  it('waits for the bouncing to stop, then reports the final level once', () => {
    const { changes, set } = input();
    for (let i = 0; i < 10; i++) {
      set(i % 2 === 0 ? 1 : 0);
      vi.advanceTimersByTime(20);
    }
    set(1);
    expect(changes).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(changes).toEqual([1]);
  });

  it('resyncs on a periodic check without an edge', () => {
    let line: 0 | 1 = 0;
    const changes: Array<0 | 1> = [];
    const d = new DebouncedInput(() => line, 50, (level) => changes.push(level));
    line = 1;
    d.check();
    vi.advanceTimersByTime(50);
    expect(changes).toEqual([1]);
  });

  it('treats a failed read as no change', () => {
    let fail = false;
    const changes: Array<0 | 1> = [];
    const d = new DebouncedInput(() => {
      if (fail) throw new Error('EIO');
      return 0;
    }, 0, (level) => changes.push(level));
    fail = true;
    d.nudge();
    d.check();
    expect(changes).toEqual([]);
  });
});

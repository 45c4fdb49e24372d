import { describe, expect, it, vi } from 'vitest';

const constructed: unknown[][] = [];
vi.mock('onoff', () => ({
  Gpio: class {
    constructor(...args: unknown[]) {
      constructed.push(args);
    }
  },
}));

const { onoffGpioFactory } = await import('../../../controller/src/hardware/gpio/gpio-line.ts');

describe('onoff GPIO factory', () => {
  it('asks onoff for an output at the given start level and resets active_low', async () => {
    await onoffGpioFactory(529, 'high', 'none');
    await onoffGpioFactory(534, 'in', 'both');
    expect(constructed).toEqual([
      [529, 'high', 'none', { activeLow: false }],
      [534, 'in', 'both', { activeLow: false }],
    ]);
  });
});

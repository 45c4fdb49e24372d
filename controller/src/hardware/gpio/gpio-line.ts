/** One exported GPIO line, as the board uses it. Values are physical levels (never inverted by sysfs). */
export interface GpioLine {
  readSync(): 0 | 1;
  writeSync(value: 0 | 1): void;
  /** calls back on every edge (inputs only); the board debounces. */
  watch(callback: (err: Error | null | undefined) => void): void;
  unwatchAll(): void;
  unexport(): void;
}

/**
 * Exports and configures a line. `high` / `low` make it an output that starts at that level in the
 * same kernel write (sysfs `direction` accepts "high"/"low" for glitch-free setup), so a relay never
 * sees its active level before we choose it.
 */
export type GpioFactory = (gpio: number, direction: 'in' | 'high' | 'low', edge: 'none' | 'both') => Promise<GpioLine>;

/** The real thing: onoff over /sys/class/gpio. Loaded lazily so machines without GPIO can still run tests. */
export const onoffGpioFactory: GpioFactory = async (gpio, direction, edge) => {
  const { Gpio } = await import('onoff');
  // activeLow: false resets an active_low left behind by another program: our levels are physical.
  return new Gpio(gpio, direction, edge, { activeLow: false }) as GpioLine;
};

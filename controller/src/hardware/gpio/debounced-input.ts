/**
 * A door sensor input that reports a new level only after it held steady for `debounceMs`
 * (reed switches bounce for a few milliseconds when a door shuts).
 */
export class DebouncedInput {
  private stable: 0 | 1;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly read: () => 0 | 1,
    private readonly debounceMs: number,
    private readonly onChange: (level: 0 | 1) => void,
  ) {
    this.stable = read();
  }

  get level(): 0 | 1 {
    return this.stable;
  }

  /** An edge, or a periodic check: look again once the line has been quiet for debounceMs. */
  nudge(): void {
    if (this.debounceMs <= 0) return this.settle();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.settle(), this.debounceMs);
  }

  /** Periodic resync: starts a debounce only when the line differs from the stable level. */
  check(): void {
    if (this.timer === undefined && this.safeRead() !== this.stable) this.nudge();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private settle(): void {
    this.timer = undefined;
    const level = this.safeRead();
    if (level === this.stable) return;
    this.stable = level;
    this.onChange(level);
  }

  private safeRead(): 0 | 1 {
    try {
      return this.read();
    } catch {
      return this.stable; // a failed read is no evidence that the door moved
    }
  }
}

/**
 * One event per physical action: a scanner that sends the same label twice, or a badge reader that
 * repeats a frame every ~100 ms while the card is held, must produce a single scan or tap.
 * The window slides: each repeat pushes it on, so a card held for ten seconds is still one tap.
 */
export class RepeatFilter {
  private readonly lastSeen = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** true when `key` is new (not seen within the window); records it either way. */
  accept(key: string): boolean {
    const at = this.now();
    for (const [k, seen] of this.lastSeen) if (at - seen > this.windowMs) this.lastSeen.delete(k);
    const fresh = !this.lastSeen.has(key);
    this.lastSeen.set(key, at);
    return fresh;
  }

  reset(): void {
    this.lastSeen.clear();
  }
}

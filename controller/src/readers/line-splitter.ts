/**
 * Splits a byte stream into lines ended by CR, LF or CRLF (scanners are configured all three ways).
 * Empty lines are dropped, so CRLF never yields an extra empty scan. A line longer than `maxLength`
 * (a scanner left in a mode that never sends a terminator, or line noise) is discarded up to its
 * terminator and reported once through `onOverlong`.
 */
export class LineSplitter {
  private parts: Buffer[] = [];
  private length = 0;
  private discarding = false;

  constructor(
    private readonly maxLength: number,
    private readonly onOverlong: (discardedBytes: number) => void = () => {},
  ) {}

  /** Returns the complete lines in `chunk`, decoded as UTF-8 (ASCII scanners are a subset). */
  push(chunk: Uint8Array): string[] {
    const lines: string[] = [];
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte !== 0x0d && byte !== 0x0a) continue;
      this.take(chunk.subarray(start, i));
      start = i + 1;
      const line = this.finish();
      if (line !== undefined && line !== '') lines.push(line);
    }
    this.take(chunk.subarray(start));
    return lines;
  }

  private take(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    if (!this.discarding && this.length + bytes.length > this.maxLength) {
      this.discarding = true;
      this.parts = [];
    }
    if (this.discarding) {
      this.length += bytes.length;
      return;
    }
    this.parts.push(Buffer.from(bytes));
    this.length += bytes.length;
  }

  private finish(): string | undefined {
    const discarded = this.discarding ? this.length : 0;
    const line = this.discarding ? undefined : Buffer.concat(this.parts).toString('utf8');
    this.parts = [];
    this.length = 0;
    this.discarding = false;
    if (discarded > 0) this.onOverlong(discarded);
    return line;
  }
}

import { MAX_LINE_BYTES, type LineError, type LwpMessage } from './messages.ts';
import { parseLine } from './parse.ts';

export type Decoded = LwpMessage | LineError;

/**
 * Streaming LWP/1 decoder: feed it chunks as they come off the wire, split or merged anywhere.
 * A line longer than 128 bytes is dropped up to the next `\n` and reported once as `too-long`,
 * so one burst of noise costs at most one line. Never throws on any input.
 */
export class LineDecoder {
  private buffer: number[] = [];
  private discarding = false;

  push(chunk: Uint8Array | string): Decoded[] {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    const out: Decoded[] = [];
    for (const byte of bytes) {
      if (byte === 0x0a) {
        if (this.discarding) out.push({ error: 'too-long', line: Buffer.from(this.buffer).toString('latin1') + '…' });
        else {
          const parsed = parseLine(Buffer.from(this.buffer).toString('latin1'));
          if (parsed) out.push(parsed);
        }
        this.buffer = [];
        this.discarding = false;
      } else if (this.discarding) {
        continue;
      } else if (this.buffer.length >= MAX_LINE_BYTES) {
        // 128 bytes without `\n` (a tolerated `\r` included) cannot become a valid line
        this.discarding = true;
      } else {
        this.buffer.push(byte);
      }
    }
    return out;
  }

  /** Forget a partial line, e.g. after the port reopened. */
  reset(): void {
    this.buffer = [];
    this.discarding = false;
  }
}

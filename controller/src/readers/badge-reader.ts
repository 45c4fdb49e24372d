/**
 * A badge reader on a serial port: an RDM6300-style module sending binary frames, or a reader that
 * types its number as a text line (`wedge-line`) in a configured format. A card held on the reader
 * repeats its number; that is one tap until the card has been away for the hold window.
 */
import { badgeMatchKeys, isBadgeError, parseBadge, Rdm6300Decoder } from './badge/index.ts';
import type { BadgeCredential, BadgeFormat } from './badge/index.ts';
import { LineSplitter } from './line-splitter.ts';
import { RepeatFilter } from './repeat-filter.ts';
import type { OpenInputPort, ReaderLog } from './serial-input.ts';
import { SerialReader } from './serial-reader.ts';

export type BadgeReaderProtocol = 'rdm6300' | 'wedge-line';

export interface BadgeReaderOptions {
  path: string;
  /** default 9600 (the RDM6300's fixed rate). */
  baudRate?: number;
  protocol: BadgeReaderProtocol;
  /** required for `wedge-line`: how the reader writes the number. */
  format?: BadgeFormat;
  /** repeats of the same card closer than this (ms, sliding) are one tap; default 1000. */
  holdWindowMs?: number;
  maxLineLength?: number;
  log?: ReaderLog;
  now?: () => number;
  openPort?: OpenInputPort;
}

export interface BadgeTap {
  credential: BadgeCredential;
  at: Date;
}

export type TapListener = (tap: BadgeTap) => void;

function checked(o: BadgeReaderOptions): BadgeReaderOptions {
  if (o.protocol === 'wedge-line' && !o.format) {
    throw new Error('badge reader: protocol "wedge-line" needs a format (hex10, dec10, fac,card, …)');
  }
  return o;
}

export class BadgeReader extends SerialReader<BadgeTap> {
  private readonly holds: RepeatFilter;
  private readonly decoder = new Rdm6300Decoder();
  private readonly splitter: LineSplitter;
  private readonly now: () => number;

  constructor(private readonly o: BadgeReaderOptions) {
    super('badge', checked(o));
    this.now = o.now ?? Date.now;
    this.holds = new RepeatFilter(o.holdWindowMs ?? 1000, this.now);
    this.splitter = new LineSplitter(o.maxLineLength ?? 64, (bytes) =>
      this.log.warn({ device: 'badge', discardedBytes: bytes }, 'badge reader: discarded an over-long line'),
    );
  }

  /** Subscribe to taps; returns the unsubscribe function. */
  onTap(listener: TapListener): () => void {
    return this.subscribe(listener);
  }

  /** Feed bytes as if they came from the port. */
  receive(chunk: Uint8Array): void {
    if (this.o.protocol === 'rdm6300') {
      for (const event of this.decoder.push(chunk)) {
        if (event.kind === 'card') this.tap(event.credential);
        else this.log.warn({ device: 'badge', reason: event.reason }, `badge reader: ${event.message}`);
      }
      return;
    }
    for (const line of this.splitter.push(chunk)) {
      const read = parseBadge(line, this.o.format!);
      if (isBadgeError(read)) {
        // the message names lengths and formats only, never the number itself
        this.log.warn({ device: 'badge', reason: read.error }, `badge reader: ${read.message}`);
      } else {
        this.tap(read);
      }
    }
  }

  private tap(credential: BadgeCredential): void {
    const key = badgeMatchKeys(credential)[0]?.key ?? credential.display;
    if (!this.holds.accept(key)) return;
    this.emit({ credential, at: new Date(this.now()) });
  }
}

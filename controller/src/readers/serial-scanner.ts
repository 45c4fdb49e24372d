/**
 * A parcel-label scanner on a serial port (RS-232, or USB in CDC/virtual-COM mode).
 * Every line becomes one `ScanResult`; the same label read again within the repeat window
 * (a burst, a trigger held down, a second barcode on the same label) is reported once.
 */
import { LineSplitter } from './line-splitter.ts';
import { RepeatFilter } from './repeat-filter.ts';
import { normaliseScan } from './scan/index.ts';
import type { ScanResult } from './scan/index.ts';
import type { OpenInputPort, ReaderLog } from './serial-input.ts';
import { SerialReader } from './serial-reader.ts';

export interface SerialScannerOptions {
  path: string;
  /** default 9600, what most scanners ship with. */
  baudRate?: number;
  /** keyboard-wedge style prefixes/suffixes programmed into the scanner. */
  prefixes?: string[];
  suffixes?: string[];
  /** the same label within this many ms of its last read is one scan (default 1500). */
  repeatWindowMs?: number;
  /** longer lines are discarded with a warning (default 512 bytes; the longest label is ~100). */
  maxLineLength?: number;
  log?: ReaderLog;
  now?: () => number;
  openPort?: OpenInputPort;
}

export type ScanListener = (scan: ScanResult) => void;

/** Same parcel → same key: the tracking number when one was found, else the cleaned text. */
function repeatKey(scan: ScanResult): string {
  if (scan.status === 'ok') return `${scan.carrier}:${scan.tracking}`;
  if (scan.status === 'ambiguous') return scan.candidates.map((c) => `${c.carrier}:${c.tracking}`).join('|');
  return `raw:${scan.raw.trim()}`;
}

export class SerialScanner extends SerialReader<ScanResult> {
  private readonly splitter: LineSplitter;
  private readonly repeats: RepeatFilter;

  constructor(private readonly o: SerialScannerOptions) {
    super('scanner', o);
    this.repeats = new RepeatFilter(o.repeatWindowMs ?? 1500, o.now ?? Date.now);
    this.splitter = new LineSplitter(o.maxLineLength ?? 512, (bytes) =>
      this.log.warn({ device: 'scanner', discardedBytes: bytes }, 'scanner: discarded an over-long line (check the scanner terminator setting)'),
    );
  }

  /** Subscribe to scans; returns the unsubscribe function. */
  onScan(listener: ScanListener): () => void {
    return this.subscribe(listener);
  }

  /** Feed bytes as if they came from the port (used by the serial input, and by a kiosk wedge bridge). */
  receive(chunk: Uint8Array): void {
    for (const line of this.splitter.push(chunk)) {
      const scan = normaliseScan(line, {
        ...(this.o.prefixes ? { prefixes: this.o.prefixes } : {}),
        ...(this.o.suffixes ? { suffixes: this.o.suffixes } : {}),
      });
      if (scan.status === 'empty') continue;
      if (this.repeats.accept(repeatKey(scan))) this.emit(scan);
    }
  }
}

import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface WedgeOptions {
  /** `field` is the input the reader typed into, if any (its text is still in there). */
  onScan(text: string, field?: HTMLInputElement | HTMLTextAreaElement): void;
  /** Shorter bursts are treated as human typing. */
  minLength?: number;
  /** Scanners and badge readers type far faster than people: median gap below this many ms. */
  maxMedianGapMs?: number;
  /** When false, keys typed into an input or textarea are left to that field. */
  captureInFields?: boolean;
  /** A field whose keys are always left alone (the scan field handles its own Enter). */
  ignore?(field: HTMLInputElement | HTMLTextAreaElement): boolean;
}

/**
 * Tells keyboard-wedge input (a badge reader or barcode scanner that "types" and presses Enter)
 * from human typing by inter-key timing, anywhere on the page.
 */
export class WedgeScannerController implements ReactiveController {
  private chars: string[] = [];
  private times: number[] = [];
  private readonly onKey = (event: KeyboardEvent) => this.key(event);

  constructor(host: ReactiveControllerHost, private readonly options: WedgeOptions) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('keydown', this.onKey, true);
  }

  hostDisconnected(): void {
    window.removeEventListener('keydown', this.onKey, true);
    this.reset();
  }

  private key(event: KeyboardEvent): void {
    const target = event.composedPath()[0];
    const field = isField(target) ? target : undefined;
    if (field && (!this.options.captureInFields || this.options.ignore?.(field))) return;
    const now = event.timeStamp || performance.now();
    const last = this.times[this.times.length - 1];
    if (last !== undefined && now - last > 500) this.reset();
    if (event.key === 'Enter') {
      // Keys a person typed just before the reader fired are not part of the scan.
      const start = burstStart(this.times);
      const text = this.chars.slice(start).join('');
      const burst = isWedgeBurst(this.times.slice(start), text.length, this.options);
      this.reset();
      if (burst) {
        event.preventDefault();
        this.options.onScan(text, field);
      }
      return;
    }
    if (event.key.length === 1) {
      this.chars.push(event.key);
      this.times.push(now);
    }
  }

  private reset(): void {
    this.chars = [];
    this.times = [];
  }
}

/** True when keystrokes at `times` (ms) look like a reader, not a person. */
export function isWedgeBurst(times: readonly number[], length: number, options: Pick<WedgeOptions, 'minLength' | 'maxMedianGapMs'> = {}): boolean {
  if (length < (options.minLength ?? 4) || times.length < 2) return false;
  return medianOf(times.slice(1).map((t, i) => t - times[i]!)) < (options.maxMedianGapMs ?? 35);
}

const medianOf = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Index of the first key of the fast run: leading keys followed by a gap far slower than the run are dropped. */
export function burstStart(times: readonly number[]): number {
  if (times.length < 3) return 0;
  const gaps = times.slice(1).map((t, i) => t - times[i]!);
  const slow = Math.max(150, 4 * medianOf(gaps));
  let start = 0;
  while (start < gaps.length && gaps[start]! > slow) start++;
  return start;
}

function isField(target: EventTarget | undefined): target is HTMLInputElement | HTMLTextAreaElement {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
}

import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface WedgeOptions {
  onScan(text: string): void;
  /** Shorter bursts are treated as human typing. */
  minLength?: number;
  /** Scanners and badge readers type far faster than people: median gap below this many ms. */
  maxMedianGapMs?: number;
  /** When false, keys typed into an input or textarea are left to that field. */
  captureInFields?: boolean;
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
    if (!this.options.captureInFields && isField(event.composedPath()[0])) return;
    const now = event.timeStamp || performance.now();
    const last = this.times[this.times.length - 1];
    if (last !== undefined && now - last > 500) this.reset();
    if (event.key === 'Enter') {
      const text = this.chars.join('');
      const burst = isWedgeBurst(this.times, text.length, this.options);
      this.reset();
      if (burst) {
        event.preventDefault();
        this.options.onScan(text);
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
  const gaps = times.slice(1).map((t, i) => t - times[i]!).sort((a, b) => a - b);
  const middle = gaps.length >> 1;
  const median = gaps.length % 2 ? gaps[middle]! : (gaps[middle - 1]! + gaps[middle]!) / 2;
  return median < (options.maxMedianGapMs ?? 35);
}

function isField(target: EventTarget | undefined): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
}

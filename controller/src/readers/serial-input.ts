/**
 * A receive-only serial line for readers (scanner, badge reader): opens the port by path with a fresh
 * `SerialPort` on every (re)connect, never calls `SerialPort.list()`, and reconnects with back-off
 * after the cable is pulled, so a USB scanner unplugged and replugged comes back by itself.
 */
import { SerialPort } from 'serialport';

/** pino-compatible: `log.warn({ port }, 'message')`. Never pass badge numbers or tracking numbers. */
export interface ReaderLog {
  warn(details: Record<string, unknown>, message: string): void;
  info?(details: Record<string, unknown>, message: string): void;
}

export const silentLog: ReaderLog = { warn: () => {} };

/** The part of a serialport `SerialPort` used here; tests may hand in a fake. */
export interface InputPort {
  open(callback: (err: Error | null) => void): void;
  close(callback?: (err: Error | null) => void): void;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'close' | 'error', listener: (err?: Error | null) => void): unknown;
  removeAllListeners(): unknown;
  readonly isOpen: boolean;
}

export type OpenInputPort = (path: string, baudRate: number) => InputPort;

export const openInputPort: OpenInputPort = (path, baudRate) =>
  new SerialPort({ path, baudRate, autoOpen: false }) as unknown as InputPort;

export interface SerialInputOptions {
  path: string;
  baudRate: number;
  onData: (chunk: Buffer) => void;
  /** called when the port opens (true) or is lost (false); reasons are for logs and health screens. */
  onState?: (up: boolean, reason?: string) => void;
  openPort?: OpenInputPort;
  log?: ReaderLog;
  /** what the logs call this device, e.g. "scanner". */
  name: string;
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

export class SerialInput {
  private port: InputPort | undefined;
  private stopped = true;
  private timer: NodeJS.Timeout | undefined;
  private backoffMs: number;
  private failures = 0;
  private readonly log: ReaderLog;

  constructor(private readonly o: SerialInputOptions) {
    this.backoffMs = o.minBackoffMs ?? 500;
    this.log = o.log ?? silentLog;
  }

  /** Resolves after the first open attempt (the port is retried in the background if it failed). */
  async start(): Promise<boolean> {
    if (!this.stopped) return this.port?.isOpen ?? false;
    this.stopped = false;
    return this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const port = this.port;
    this.port = undefined;
    if (port) {
      port.removeAllListeners();
      port.on('error', () => {});
      if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    }
  }

  get isOpen(): boolean {
    return this.port?.isOpen ?? false;
  }

  private connect(): Promise<boolean> {
    const port = (this.o.openPort ?? openInputPort)(this.o.path, this.o.baudRate);
    this.port = port;
    return new Promise((resolve) => {
      port.open((err) => {
        if (this.stopped || this.port !== port) {
          if (!err) port.close();
          resolve(false);
          return;
        }
        if (err) {
          // an absent device is retried for ever: say so on the first failure and then every 30th
          if (this.failures++ % 30 === 0) {
            this.log.warn(
              { device: this.o.name, path: this.o.path, error: err.message, failures: this.failures },
              `${this.o.name}: cannot open ${this.o.path} (${err.message}); check the cable and the configured port — retrying`,
            );
          }
          this.o.onState?.(false, err.message);
          this.retry();
          resolve(false);
          return;
        }
        this.backoffMs = this.o.minBackoffMs ?? 500;
        this.failures = 0;
        port.on('data', (chunk: Buffer) => this.o.onData(chunk));
        port.on('error', (e) => this.log.warn({ device: this.o.name, error: e?.message }, `${this.o.name}: serial error`));
        port.on('close', () => {
          if (this.stopped || this.port !== port) return;
          this.log.warn({ device: this.o.name, path: this.o.path }, `${this.o.name}: ${this.o.path} closed (cable pulled?); reconnecting`);
          this.o.onState?.(false, 'closed');
          this.retry();
        });
        this.o.onState?.(true);
        resolve(true);
      });
    });
  }

  private retry(): void {
    if (this.stopped) return;
    const wait = this.backoffMs;
    this.backoffMs = Math.min(wait * 2, this.o.maxBackoffMs ?? 10_000);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.stopped) void this.connect();
    }, wait);
    this.timer.unref?.();
  }
}

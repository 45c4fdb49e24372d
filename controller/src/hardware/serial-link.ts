import { SerialPort } from 'serialport';

/** The part of a serialport `SerialPort` the link uses; tests may hand in a fake. */
export interface SerialPortLike {
  open(callback: (err: Error | null) => void): void;
  close(callback?: (err: Error | null) => void): void;
  write(data: Buffer, callback?: (err: Error | null | undefined) => void): boolean;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'close' | 'error', listener: (err?: Error | null) => void): unknown;
  removeAllListeners(): unknown;
  readonly isOpen: boolean;
}

export type OpenSerialPort = (path: string, baudRate: number) => SerialPortLike;

/** A fresh `SerialPort` per (re)connect, opened by path; never `SerialPort.list()` (needs udevadm). */
export const openSerialPort: OpenSerialPort = (path, baudRate) =>
  new SerialPort({ path, baudRate, dataBits: 8, parity: 'none', stopBits: 1, autoOpen: false }) as unknown as SerialPortLike;

/**
 * What a reply scanner says about the bytes received so far:
 * `partial` wait for more; `skip` drop n leading bytes (noise, echo, another board's frame);
 * `frame` the first n bytes are the wanted reply; `corrupt` the first n bytes were the reply but failed their check.
 */
export type ReplyScan =
  | { kind: 'partial' }
  | { kind: 'skip'; length: number }
  | { kind: 'frame'; length: number }
  | { kind: 'corrupt'; length: number };

export type ReplyScanner = (received: Buffer) => ReplyScan;

export class LinkError extends Error {
  constructor(
    readonly code: 'down' | 'timeout' | 'corrupt' | 'io',
    message: string,
  ) {
    super(message);
    this.name = 'LinkError';
  }
}

export interface SerialLinkOptions {
  path: string;
  baudRate: number;
  openPort?: OpenSerialPort;
  /** first reconnect delay; doubles up to maxBackoffMs. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

type StateListener = (up: boolean, reason?: string) => void;

interface Pending {
  scan: ReplyScanner;
  resolve(frame: Buffer): void;
  reject(err: Error): void;
}

/**
 * One serial port shared by every board on its bus. Transactions (write a request, wait for the
 * matching reply) run one at a time, so boards at different addresses never talk over each other.
 * The port is opened when the first board retains the link and reopened with backoff after it drops.
 */
export class SerialLink {
  readonly path: string;
  readonly baudRate: number;
  private readonly openPort: OpenSerialPort;
  private readonly minBackoffMs: number;
  private readonly maxBackoffMs: number;
  private port: SerialPortLike | undefined;
  private up = false;
  private users = 0;
  private backoffMs: number;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private rx = Buffer.alloc(0);
  private pending: Pending | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly stateListeners = new Set<StateListener>();
  private upWaiters: Array<{ resolve(): void; reject(err: Error): void }> = [];
  private lastError = 'not opened yet';

  constructor(options: SerialLinkOptions) {
    this.path = options.path;
    this.baudRate = options.baudRate;
    this.openPort = options.openPort ?? openSerialPort;
    this.minBackoffMs = options.minBackoffMs ?? 250;
    this.maxBackoffMs = options.maxBackoffMs ?? 5000;
    this.backoffMs = this.minBackoffMs;
  }

  isUp(): boolean {
    return this.up;
  }

  onState(listener: StateListener): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** A board starts using the link; the first user opens the port. */
  retain(): void {
    this.users += 1;
    if (this.users === 1) this.connect();
  }

  /** A board stops using the link; the last user closes the port. */
  async release(): Promise<void> {
    if (this.users === 0) return;
    this.users -= 1;
    if (this.users > 0) return;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const port = this.port;
    this.port = undefined;
    this.markDown('closed');
    for (const w of this.upWaiters.splice(0)) w.reject(new LinkError('down', `serial port ${this.path} was closed`));
    if (port) {
      port.removeAllListeners();
      port.on('error', () => undefined); // closing a port whose device vanished can still report EIO
      await new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()));
    }
  }

  /** Resolves once the port is open; rejects after `timeoutMs` with the last open error. */
  waitUntilUp(timeoutMs: number): Promise<void> {
    if (this.up) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (err: Error) => {
          clearTimeout(timer);
          reject(err);
        },
      };
      const timer = setTimeout(() => {
        this.upWaiters = this.upWaiters.filter((w) => w !== waiter);
        reject(new LinkError('down', `serial port ${this.path} could not be opened (${this.lastError}) — check the cable and the port setting`));
      }, timeoutMs);
      this.upWaiters.push(waiter);
    });
  }

  /**
   * Writes `request` and resolves with the first reply `scan` accepts. Rejects at once when the
   * link is down (never queued for later), with `timeout` when no reply came, `corrupt` on a bad check.
   */
  request(request: Uint8Array, scan: ReplyScanner, timeoutMs: number): Promise<Buffer> {
    const run = () => this.transact(request, scan, timeoutMs);
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private transact(request: Uint8Array, scan: ReplyScanner, timeoutMs: number): Promise<Buffer> {
    const port = this.port;
    if (!this.up || !port) return Promise.reject(new LinkError('down', `serial port ${this.path} is not connected (${this.lastError})`));
    this.rx = Buffer.alloc(0); // stale bytes belong to an earlier, finished transaction
    return new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => finish(new LinkError('timeout', `no reply on ${this.path} within ${timeoutMs} ms`)), timeoutMs);
      const finish = (outcome: Buffer | Error) => {
        if (this.pending !== pending) return;
        clearTimeout(timer);
        this.pending = undefined;
        if (outcome instanceof Error) reject(outcome);
        else resolve(outcome);
      };
      const pending: Pending = { scan, resolve: finish, reject: finish };
      this.pending = pending;
      port.write(Buffer.from(request), (err) => {
        if (err) {
          finish(new LinkError('io', `write to ${this.path} failed: ${err.message}`));
          this.dropPort(port, err.message);
        }
      });
    });
  }

  private onData(chunk: Buffer): void {
    const pending = this.pending;
    if (!pending) return; // unsolicited bytes: neither board type sends events
    this.rx = Buffer.concat([this.rx, chunk]);
    while (this.rx.length > 0 && this.pending === pending) {
      const result = pending.scan(this.rx);
      if (result.kind === 'partial') return;
      const length = Math.max(1, result.length);
      const head = this.rx.subarray(0, length);
      this.rx = this.rx.subarray(length);
      if (result.kind === 'frame') pending.resolve(Buffer.from(head));
      else if (result.kind === 'corrupt') pending.reject(new LinkError('corrupt', `corrupt reply on ${this.path}: ${head.toString('hex')}`));
    }
  }

  private connect(): void {
    this.reconnectTimer = undefined;
    if (this.users === 0) return;
    let port: SerialPortLike;
    try {
      port = this.openPort(this.path, this.baudRate);
    } catch (err) {
      this.lastError = (err as Error).message;
      this.scheduleReconnect();
      return;
    }
    this.port = port;
    port.on('data', (chunk) => this.onData(chunk));
    port.on('error', (err) => this.dropPort(port, err?.message ?? 'port error'));
    port.on('close', (err) => this.dropPort(port, err?.message ?? 'port closed'));
    port.open((err) => {
      if (this.port !== port) return;
      if (err) {
        this.lastError = err.message;
        this.port = undefined;
        port.removeAllListeners();
        port.on('error', () => undefined);
        this.scheduleReconnect();
        return;
      }
      this.backoffMs = this.minBackoffMs;
      this.up = true;
      this.lastError = 'connected';
      for (const w of this.upWaiters.splice(0)) w.resolve();
      for (const l of this.stateListeners) l(true);
    });
  }

  private dropPort(port: SerialPortLike, reason: string): void {
    if (this.port !== port) return;
    this.port = undefined;
    this.lastError = reason;
    port.removeAllListeners();
    port.on('error', () => undefined); // a late error from the dead port must not crash the process
    if (port.isOpen) port.close(() => undefined);
    this.markDown(reason);
    this.scheduleReconnect();
  }

  private markDown(reason: string): void {
    this.pending?.reject(new LinkError('down', `serial port ${this.path} went away: ${reason}`));
    if (!this.up) return;
    this.up = false;
    for (const l of this.stateListeners) l(false, reason);
  }

  private scheduleReconnect(): void {
    if (this.users === 0 || this.reconnectTimer) return;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.maxBackoffMs, this.backoffMs * 2);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
    this.reconnectTimer.unref?.();
  }
}

/** Serial links by port path, so boards configured on the same port share one bus. */
export class SerialLinks {
  private readonly links = new Map<string, SerialLink>();
  constructor(private readonly openPort?: OpenSerialPort) {}

  get(path: string, baudRate: number): SerialLink {
    const existing = this.links.get(path);
    if (existing) {
      if (existing.baudRate !== baudRate)
        throw new Error(`boards on ${path} are configured with different baud rates (${existing.baudRate} and ${baudRate}); one bus runs at one speed`);
      return existing;
    }
    const link = new SerialLink({ path, baudRate, openPort: this.openPort });
    this.links.set(path, link);
    return link;
  }
}

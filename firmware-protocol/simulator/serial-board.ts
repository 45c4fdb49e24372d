import { SerialPort } from 'serialport';
import { BoardSimulator, type BoardSimulatorOptions } from './board-simulator.ts';

export interface SerialBoardOptions extends Omit<BoardSimulatorOptions, 'transmit'> {
  path: string;
  baudRate?: number;
  /** how often time-driven behaviour runs (pulse end, auto-close, event resend); default 10 ms. */
  pollMs?: number;
}

/**
 * The board simulator on a real serial device (one end of a socat PTY pair, or a USB adapter).
 * Unplugging is survived: `attach()` reopens the device without rebooting the board.
 */
export class SerialBoardSimulator {
  readonly board: BoardSimulator;
  private port: SerialPort | null = null;
  private timer: NodeJS.Timeout | null = null;
  private path: string;
  private readonly baudRate: number;

  constructor(private readonly options: SerialBoardOptions) {
    this.path = options.path;
    this.baudRate = options.baudRate ?? 115200;
    this.board = new BoardSimulator({ ...options, transmit: (bytes) => this.write(bytes) });
  }

  /** Opens the device and powers the board on (it announces a RESET event). */
  async start(): Promise<void> {
    await this.attach();
    this.board.boot();
    this.timer = setInterval(() => this.board.poll(), this.options.pollMs ?? 10);
  }

  /** (Re)opens the serial device, e.g. after socat was restarted with the same link names. */
  async attach(path = this.path): Promise<void> {
    this.path = path;
    await this.detach();
    const port = new SerialPort({ path, baudRate: this.baudRate, autoOpen: false });
    port.on('data', (chunk: Buffer) => this.board.receive(chunk));
    port.on('error', () => {
      /* a pulled cable: wait for attach() */
    });
    port.on('close', () => {
      if (this.port === port) this.port = null;
    });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    this.port = port;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.detach();
  }

  private async detach(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  private write(bytes: Buffer): void {
    if (this.port?.isOpen) this.port.write(bytes, () => {});
  }
}

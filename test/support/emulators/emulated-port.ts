import { EventEmitter } from 'node:events';
import { SerialPort } from 'serialport';
import type { OpenSerialPort, SerialPortLike } from '../../../controller/src/hardware/serial-link.ts';

/** Anything that answers bytes on a bus: the Kerong or 0x8A emulators. */
export interface BusEmulator {
  receive(chunk: Buffer): Buffer[];
}

/**
 * An in-memory serial port wired straight to an emulator, for fast unit tests. `unplug()` makes the
 * port fail like a pulled USB adapter; `plug()` lets the next open succeed.
 */
export class EmulatedPorts {
  plugged = true;
  opened = 0;
  private current: EmulatedPort | undefined;

  constructor(private readonly emulator: BusEmulator) {}

  readonly open: OpenSerialPort = () => {
    const port = new EmulatedPort(this);
    this.current = port;
    return port;
  };

  unplug(): void {
    this.plugged = false;
    this.current?.fail();
  }

  plug(): void {
    this.plugged = true;
  }

  /** @internal */
  answer(chunk: Buffer): Buffer[] {
    return this.emulator.receive(chunk);
  }
}

class EmulatedPort extends EventEmitter implements SerialPortLike {
  isOpen = false;
  constructor(private readonly ports: EmulatedPorts) {
    super();
  }

  open(callback: (err: Error | null) => void): void {
    setImmediate(() => {
      if (!this.ports.plugged) return callback(new Error('ENOENT: no such file or directory'));
      this.isOpen = true;
      this.ports.opened += 1;
      callback(null);
    });
  }

  close(callback?: (err: Error | null) => void): void {
    this.isOpen = false;
    setImmediate(() => callback?.(null));
  }

  write(data: Buffer, callback?: (err: Error | null | undefined) => void): boolean {
    setImmediate(() => {
      if (!this.isOpen || !this.ports.plugged) return callback?.(new Error('EIO: i/o error, write'));
      callback?.(null);
      for (const reply of this.ports.answer(Buffer.from(data))) this.emit('data', reply);
    });
    return true;
  }

  fail(): void {
    if (this.isOpen) setImmediate(() => this.emit('error', new Error('EIO: i/o error, read')));
  }
}

/** Runs an emulator on the far end of a real serial device (one end of a socat PTY pair). */
export async function serveEmulatorOn(path: string, baudRate: number, emulator: BusEmulator): Promise<{ close(): Promise<void> }> {
  const port = new SerialPort({ path, baudRate, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  port.on('error', () => undefined); // the PTY vanishing under us is what the tests provoke
  port.on('data', (chunk: Buffer) => {
    for (const reply of emulator.receive(chunk)) port.write(reply);
  });
  return {
    close: () => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())),
  };
}

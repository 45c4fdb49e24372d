import { describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import { SerialInput, type InputPort } from '../../../controller/src/readers/serial-input.ts';
import { waitUntil } from '../../support/pty-readers.ts';

class FakePort extends EventEmitter implements InputPort {
  isOpen = false;
  constructor(private readonly fail: boolean) {
    super();
  }
  open(callback: (err: Error | null) => void): void {
    setImmediate(() => {
      if (this.fail) return callback(new Error('ENOENT: no such file'));
      this.isOpen = true;
      callback(null);
    });
  }
  close(callback?: (err: Error | null) => void): void {
    this.isOpen = false;
    setImmediate(() => callback?.(null));
  }
}

describe('SerialInput', () => {
  it('keeps retrying a missing port with a fresh port object each time, warning once, until it opens', async () => {
    const ports: FakePort[] = [];
    const warnings: string[] = [];
    const received: string[] = [];
    const input = new SerialInput({
      name: 'scanner',
      path: '/dev/ttyACM9',
      baudRate: 9600,
      minBackoffMs: 5,
      maxBackoffMs: 10,
      log: { warn: (_d, m) => warnings.push(m) },
      onData: (c) => received.push(c.toString()),
      openPort: () => {
        const port = new FakePort(ports.length < 5);
        ports.push(port);
        return port;
      },
    });
    expect(await input.start()).toBe(false);
    await waitUntil(() => input.isOpen, 'the sixth attempt to open');
    expect(new Set(ports).size).toBe(6);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/cannot open \/dev\/ttyACM9.*check the cable/);
    ports.at(-1)!.emit('data', Buffer.from('hello'));
    expect(received).toEqual(['hello']);
    await input.stop();
    expect(input.isOpen).toBe(false);
  });

  it('stops retrying after stop()', async () => {
    let attempts = 0;
    const input = new SerialInput({
      name: 'badge reader',
      path: '/dev/ttyUSB9',
      baudRate: 9600,
      minBackoffMs: 5,
      onData: () => {},
      openPort: () => {
        attempts++;
        return new FakePort(true);
      },
    });
    await input.start();
    await input.stop();
    const after = attempts;
    await new Promise((r) => setTimeout(r, 50));
    expect(attempts).toBe(after);
  });
});

import { describe, expect, it } from 'vitest';
import { LinkError, SerialLink, type ReplyScanner } from '../../../controller/src/hardware/serial-link.ts';
import { EmulatedPorts, type BusEmulator } from '../../support/emulators/emulated-port.ts';

/** Answers every byte n with n + 1, and logs what it got, in order. */
class EchoPlusOne implements BusEmulator {
  readonly got: number[] = [];
  silent = false;
  receive(chunk: Buffer): Buffer[] {
    this.got.push(...chunk);
    return this.silent ? [] : [Buffer.from([...chunk].map((b) => b + 1))];
  }
}

const oneByte: ReplyScanner = (rx) => (rx.length >= 1 ? { kind: 'frame', length: 1 } : { kind: 'partial' });

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('SerialLink (the shared bus under the Kerong and 0x8A drivers)', () => {
  it('runs transactions one at a time, in order', async () => {
    const emulator = new EchoPlusOne();
    const link = new SerialLink({ path: '/dev/ttyX', baudRate: 9600, openPort: new EmulatedPorts(emulator).open });
    link.retain();
    await link.waitUntilUp(5000);
    const replies = await Promise.all([1, 2, 3].map((b) => link.request(Buffer.from([b]), oneByte, 5000)));
    expect(replies.map((r) => r[0])).toEqual([2, 3, 4]);
    expect(emulator.got).toEqual([1, 2, 3]);
    await link.release();
  });

  it('fails a request at once while the port is down, and never queues it for later', async () => {
    const emulator = new EchoPlusOne();
    const ports = new EmulatedPorts(emulator);
    ports.plug();
    ports.unplug();
    const link = new SerialLink({ path: '/dev/ttyX', baudRate: 9600, openPort: ports.open, minBackoffMs: 10, maxBackoffMs: 20 });
    link.retain();
    await expect(link.request(Buffer.from([7]), oneByte, 5000)).rejects.toMatchObject({ code: 'down' });
    await expect(link.waitUntilUp(100)).rejects.toThrow(/could not be opened \(ENOENT.*check the cable/);
    ports.plug();
    await link.waitUntilUp(5000);
    await link.request(Buffer.from([8]), oneByte, 5000);
    expect(emulator.got).toEqual([8]);
    await link.release();
  });

  it('opens a fresh port object on every reconnect', async () => {
    const ports = new EmulatedPorts(new EchoPlusOne());
    const link = new SerialLink({ path: '/dev/ttyX', baudRate: 9600, openPort: ports.open, minBackoffMs: 10, maxBackoffMs: 20 });
    const states: boolean[] = [];
    link.onState((up) => states.push(up));
    link.retain();
    await link.waitUntilUp(5000);
    ports.unplug();
    await until(() => !link.isUp(), 'link down');
    ports.plug();
    await link.waitUntilUp(5000);
    expect(states).toEqual([true, false, true]);
    expect(ports.opened).toBe(2);
    await link.release();
  });

  it('reports a timeout when nothing answers and a corrupt reply when the scanner says so', async () => {
    const emulator = new EchoPlusOne();
    const link = new SerialLink({ path: '/dev/ttyX', baudRate: 9600, openPort: new EmulatedPorts(emulator).open });
    link.retain();
    await link.waitUntilUp(5000);
    emulator.silent = true;
    const timeout = await link.request(Buffer.from([1]), oneByte, 50).catch((e: unknown) => e);
    expect(timeout).toBeInstanceOf(LinkError);
    expect((timeout as LinkError).code).toBe('timeout');
    emulator.silent = false;
    await expect(link.request(Buffer.from([1]), () => ({ kind: 'corrupt', length: 1 }), 5000)).rejects.toMatchObject({ code: 'corrupt' });
    await link.release();
  });
});

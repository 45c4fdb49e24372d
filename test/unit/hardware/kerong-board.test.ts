import { afterEach, describe, expect, it } from 'vitest';
import { KerongBoard } from '../../../controller/src/hardware/kerong-cu16/kerong-board.ts';
import { createKerongBoards } from '../../../controller/src/hardware/kerong-cu16/index.ts';
import type { BoardAvailability, DoorSensorEvent } from '../../../controller/src/hardware/lock-board.ts';
import { SerialLink, SerialLinks } from '../../../controller/src/hardware/serial-link.ts';
import { EmulatedPorts } from '../../support/emulators/emulated-port.ts';
import { KerongBusEmulator } from '../../support/emulators/kerong-emulator.ts';

// Replies come at once; the long reply timeout only keeps a loaded CI machine from faking silence.
const FAST = { pollMs: 20, replyTimeoutMs: 1000, retries: 2, offlineAfter: 3, startTimeoutMs: 2000, offlinePollMs: 40 };

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const started: KerongBoard[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((b) => b.stop()));
});

function setup(addresses = [0]) {
  const emulator = new KerongBusEmulator(addresses);
  const ports = new EmulatedPorts(emulator);
  const link = new SerialLink({ path: '/dev/ttyFAKE0', baudRate: 19200, openPort: ports.open, minBackoffMs: 20, maxBackoffMs: 50 });
  const board = (id: string, address: number, channels = 16, timing: Partial<typeof FAST> = {}) => {
    const b = new KerongBoard({ id, channels, address, link, timing: { ...FAST, ...timing }, unlockReplyMs: 100 });
    started.push(b);
    return b;
  };
  return { emulator, ports, link, board };
}

function record(board: KerongBoard) {
  const doors: DoorSensorEvent[] = [];
  const availability: BoardAvailability[] = [];
  board.subscribe({ door: (e) => doors.push(e), availability: (s) => availability.push(s) });
  return { doors, availability };
}

describe('Kerong KR-CU16 board', () => {
  it('pulses exactly the commanded lock and reports it opened', async () => {
    const { emulator, board } = setup();
    const a = board('A', 0);
    const seen = record(a);
    await a.start();
    expect(a.isOnline()).toBe(true);
    await expect(a.open(7, 'op-1', 500)).resolves.toEqual({ pulsed: true });
    expect(emulator.pulses.map((p) => [p.board, p.lock])).toEqual([[0, 6]]);
    await until(() => seen.doors.length > 0, 'door event');
    expect(seen.doors[0]).toMatchObject({ boardId: 'A', channel: 7, kind: 'opened' });
    const states = await a.readStatus();
    expect(states[6]).toMatchObject({ channel: 7, locked: false, doorOpen: true, itemPresent: false });
    expect(states.filter((s) => s.doorOpen)).toHaveLength(1);
  });

  it('never pulses twice for the same operation id', async () => {
    const { emulator, board } = setup();
    const a = board('A', 0);
    await a.start();
    await a.open(2, 'op-same', 500);
    await expect(a.open(2, 'op-same', 500)).resolves.toEqual({ pulsed: true, duplicate: true });
    expect(emulator.pulses).toHaveLength(1);
  });

  it('reports a door closed by hand and one pulled open without a command as forced', async () => {
    const { emulator, board } = setup();
    const a = board('A', 0);
    const seen = record(a);
    await a.start();
    await a.open(1, 'op-1', 500);
    emulator.closeDoor(0, 0);
    await until(() => seen.doors.some((e) => e.kind === 'closed'), 'closed event');
    emulator.forceDoor(0, 4);
    await until(() => seen.doors.some((e) => e.kind === 'forced'), 'forced event');
    expect(seen.doors.map((e) => [e.channel, e.kind])).toEqual([
      [1, 'opened'],
      [1, 'closed'],
      [5, 'forced'],
    ]);
  });

  it('reads the item-present sensors', async () => {
    const { emulator, board } = setup();
    const a = board('A', 0, 4);
    emulator.board(0).itemPresent[3] = true;
    await a.start();
    const states = await a.readStatus();
    expect(states).toHaveLength(4);
    expect(states.map((s) => s.itemPresent)).toEqual([false, false, false, true]);
  });

  it('retries a status reply that fails its checksum', async () => {
    const { emulator, board } = setup();
    const a = board('A', 0);
    await a.start();
    emulator.corruptReplies = 2;
    const states = await a.readStatus();
    expect(states).toHaveLength(16);
    expect(emulator.corruptReplies).toBe(0);
    expect(a.isOnline()).toBe(true);
  });

  it('settles a silent unlock by reading the latch, without sending it again', async () => {
    const { emulator, board } = setup();
    emulator.replyToUnlock = false;
    const a = board('A', 0);
    await a.start();
    await expect(a.open(3, 'op-quiet', 200)).resolves.toEqual({ pulsed: true });
    expect(emulator.pulses).toHaveLength(1);
  });

  it('reports an unconfirmed open of a door that stays shut as unknown, and never pulses it again for that operation', async () => {
    const { emulator, board } = setup();
    emulator.replyToUnlock = false;
    emulator.board(0).jammed.add(3);
    const a = board('A', 0);
    await a.start();
    await expect(a.open(4, 'op-jam', 100)).rejects.toMatchObject({ code: 'timeout', message: expect.stringMatching(/may or may not have been pulsed/) });
    await expect(a.open(4, 'op-jam', 100)).rejects.toMatchObject({ code: 'timeout' });
    expect(emulator.pulses).toHaveLength(1);
    await expect(a.open(4, 'op-new-decision', 100)).rejects.toMatchObject({ code: 'timeout' });
    expect(emulator.pulses).toHaveLength(2);
  });

  it('shares one bus between two boards by address', async () => {
    const { emulator, board } = setup([0, 1]);
    const a = board('A', 0);
    const b = board('B', 1);
    const seenB = record(b);
    await Promise.all([a.start(), b.start()]);
    await Promise.all([a.open(1, 'op-a', 500), b.open(16, 'op-b', 500)]);
    expect(emulator.pulses.map((p) => [p.board, p.lock]).sort()).toEqual([
      [0, 0],
      [1, 15],
    ]);
    await until(() => seenB.doors.length > 0, 'board B event');
    expect(seenB.doors.map((e) => [e.boardId, e.channel, e.kind])).toEqual([['B', 16, 'opened']]);
    expect((await a.readStatus())[15]?.doorOpen).toBe(false);
  });

  it('goes offline after repeated silence, fails fast, and comes back', async () => {
    const { emulator, board } = setup();
    const a = board('A', 0, 16, { replyTimeoutMs: 100 });
    const seen = record(a);
    await a.start();
    emulator.silent = true;
    await until(() => !a.isOnline(), 'offline');
    await expect(a.open(1, 'op-x', 500)).rejects.toMatchObject({ code: 'offline' });
    await expect(a.readStatus()).rejects.toMatchObject({ code: 'offline' });
    expect(emulator.pulses).toHaveLength(0);
    emulator.silent = false;
    await until(() => a.isOnline(), 'back online');
    expect(seen.availability).toEqual(['online', 'offline', 'online']);
  });

  it('goes offline at once when the adapter is unplugged and reconnects when it is back', async () => {
    const { emulator, ports, board } = setup();
    const a = board('A', 0);
    await a.start();
    ports.unplug();
    await until(() => !a.isOnline(), 'offline');
    await expect(a.open(1, 'op-y', 500)).rejects.toMatchObject({ code: 'offline' });
    ports.plug();
    await until(() => a.isOnline(), 'back online');
    expect(ports.opened).toBeGreaterThanOrEqual(2);
    await a.open(1, 'op-z', 500);
    expect(emulator.pulses).toHaveLength(1);
  });

  it('refuses to start when no board answers at its address, naming the board', async () => {
    const { board } = setup([0]);
    const c = board('C', 5, 16, { replyTimeoutMs: 100 });
    await expect(c.start()).rejects.toThrow(/Kerong board C \(address 5/);
    expect(c.isOnline()).toBe(false);
  });

  it('rejects channels the board does not have', async () => {
    const { board } = setup();
    const a = board('A', 0, 8);
    await a.start();
    await expect(a.open(9, 'op', 500)).rejects.toMatchObject({ code: 'bad-channel' });
    await expect(a.open(0, 'op', 500)).rejects.toMatchObject({ code: 'bad-channel' });
  });
});

describe('createKerongBoards', () => {
  it('puts boards on the same port on one shared bus', () => {
    const links = new SerialLinks(() => {
      throw new Error('not opened in this test');
    });
    const boards = createKerongBoards(
      [
        { id: 'A', channels: 16, port: '/dev/ttyUSB0', address: 0, options: {} },
        { id: 'B', channels: 16, port: '/dev/ttyUSB0', address: 1, options: { pollMs: 500 } },
      ],
      undefined,
      links,
    );
    expect(boards.map((b) => b.portPath)).toEqual(['/dev/ttyUSB0', '/dev/ttyUSB0']);
    expect(links.get('/dev/ttyUSB0', 19200)).toBeDefined();
  });

  it('explains bad settings', () => {
    expect(() => createKerongBoards([{ id: 'A', channels: 16, options: {} }])).toThrow(/board A \(kerong-cu16\) needs "port"/);
    expect(() => createKerongBoards([{ id: 'A', channels: 16, port: '/dev/x', address: 16, options: {} }])).toThrow(/address must be 0-15/);
    expect(() => createKerongBoards([{ id: 'A', channels: 20, port: '/dev/x', options: {} }])).toThrow(/16 locks/);
    expect(() => createKerongBoards([{ id: 'A', channels: 16, port: '/dev/x', options: { polMs: 5 } }])).toThrow(/options/);
    expect(() =>
      createKerongBoards([
        { id: 'A', channels: 16, port: '/dev/x', address: 2, options: {} },
        { id: 'B', channels: 16, port: '/dev/x', address: 2, options: {} },
      ]),
    ).toThrow(/both use address 2/);
  });
});

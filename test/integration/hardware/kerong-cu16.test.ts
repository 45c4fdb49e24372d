import { afterEach, describe, expect, it } from 'vitest';
import { createKerongBoards, type KerongBoard } from '../../../controller/src/hardware/kerong-cu16/index.ts';
import type { BoardAvailability, DoorSensorEvent } from '../../../controller/src/hardware/lock-board.ts';
import { serveEmulatorOn } from '../../support/emulators/emulated-port.ts';
import { KerongBusEmulator } from '../../support/emulators/kerong-emulator.ts';
import { createPty, waitFor, type PtyHarness } from '../../support/pty.ts';

// Generous timing: CI runs this on a loaded 2-core machine.
const OPTIONS = { pollMs: 50, replyTimeoutMs: 500, retries: 2, offlineAfter: 3, startTimeoutMs: 10_000, offlinePollMs: 100 };

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

async function bus(addresses: number[]) {
  const pty: PtyHarness = await createPty({ a: 'kerong-bus', b: 'controller' });
  cleanups.push(() => pty.cleanup());
  const emulator = new KerongBusEmulator(addresses);
  let served = await serveEmulatorOn(pty.a, 19200, emulator);
  cleanups.push(() => served.close());
  const boards = createKerongBoards(
    addresses.map((address, i) => ({ id: `K${i}`, channels: 16, port: pty.b, baudRate: 19200, address, options: OPTIONS })),
  );
  for (const b of boards) cleanups.push(() => b.stop());
  return {
    pty,
    emulator,
    boards,
    /** the cable is pulled: socat dies. */
    async unplug() {
      await pty.unplug();
      await served.close();
    },
    async plug() {
      await pty.plug();
      served = await serveEmulatorOn(pty.a, 19200, emulator);
    },
  };
}

function record(board: KerongBoard) {
  const doors: DoorSensorEvent[] = [];
  const availability: Array<[BoardAvailability, string | undefined]> = [];
  board.subscribe({ door: (e) => doors.push(e), availability: (s, r) => availability.push([s, r]) });
  return { doors, availability };
}

describe('Kerong KR-CU16 over a PTY pair', () => {
  it('pulses exactly the commanded lock and picks up the door closed by hand', async () => {
    const { emulator, boards } = await bus([0]);
    const board = boards[0]!;
    const seen = record(board);
    await board.start();
    await expect(board.open(12, 'op-12', 500)).resolves.toEqual({ pulsed: true });
    expect(emulator.pulses.map((p) => [p.board, p.lock])).toEqual([[0, 11]]);
    await waitFor(() => seen.doors.length >= 1, 10_000, 'opened event');
    emulator.closeDoor(0, 11);
    await waitFor(() => seen.doors.some((e) => e.kind === 'closed'), 10_000, 'closed event');
    expect(seen.doors.map((e) => [e.channel, e.kind])).toEqual([
      [12, 'opened'],
      [12, 'closed'],
    ]);
    expect((await board.readStatus()).every((s) => s.locked && !s.doorOpen)).toBe(true);
  });

  it('retries corrupt replies and stays online', async () => {
    const { emulator, boards } = await bus([0]);
    const board = boards[0]!;
    const seen = record(board);
    await board.start();
    emulator.corruptReplies = 2;
    expect(await board.readStatus()).toHaveLength(16);
    expect(emulator.corruptReplies).toBe(0);
    expect(seen.availability.map(([s]) => s)).toEqual(['online']);
  });

  it('drives two boards on one bus by address', async () => {
    const { emulator, boards } = await bus([0, 1]);
    const [k0, k1] = boards as [KerongBoard, KerongBoard];
    await Promise.all([k0.start(), k1.start()]);
    await Promise.all([k0.open(1, 'k0-1', 500), k1.open(1, 'k1-1', 500), k1.open(16, 'k1-16', 500)]);
    expect(emulator.pulses.map((p) => `${p.board}/${p.lock}`).sort()).toEqual(['0/0', '1/0', '1/15']);
    expect((await k0.readStatus()).filter((s) => s.doorOpen).map((s) => s.channel)).toEqual([1]);
    expect((await k1.readStatus()).filter((s) => s.doorOpen).map((s) => s.channel)).toEqual([1, 16]);
  });

  it('detects the cable pulled, fails fast while it is out, and reconnects when it is back', async () => {
    const setup = await bus([0]);
    const board = setup.boards[0]!;
    const seen = record(board);
    await board.start();
    await setup.unplug();
    await waitFor(() => !board.isOnline(), 15_000, 'board offline');
    await expect(board.open(1, 'while-out', 500)).rejects.toMatchObject({ name: 'BoardError', code: 'offline' });
    expect(setup.emulator.pulses).toHaveLength(0);
    await setup.plug();
    await waitFor(() => board.isOnline(), 20_000, 'board back online');
    await expect(board.open(2, 'after', 500)).resolves.toEqual({ pulsed: true });
    expect(setup.emulator.pulses.map((p) => p.lock)).toEqual([1]);
    expect(seen.availability.map(([s]) => s)).toEqual(['online', 'offline', 'online']);
  });
});

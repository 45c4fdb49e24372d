import { afterEach, describe, expect, it } from 'vitest';
import { createBoard8aBoards, type Board8a } from '../../../controller/src/hardware/board-8a/index.ts';
import type { DoorSensorEvent } from '../../../controller/src/hardware/lock-board.ts';
import { Board8aBusEmulator } from '../../support/emulators/board-8a-emulator.ts';
import { serveEmulatorOn } from '../../support/emulators/emulated-port.ts';
import { createPty, waitFor } from '../../support/pty.ts';

const OPTIONS = { pollMs: 50, replyTimeoutMs: 500, retries: 2, offlineAfter: 3, startTimeoutMs: 10_000, offlinePollMs: 100, feedbackPolarity: 'open-high' };

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

async function bus(addresses: number[]) {
  const pty = await createPty({ a: 'board8a-bus', b: 'controller' });
  cleanups.push(() => pty.cleanup());
  const emulator = new Board8aBusEmulator(addresses.map((a) => [a, { polarity: 'open-high' }]));
  let served = await serveEmulatorOn(pty.a, 9600, emulator);
  cleanups.push(() => served.close());
  const boards = createBoard8aBoards(addresses.map((address, i) => ({ id: `B${i}`, channels: 24, port: pty.b, address, options: OPTIONS })));
  for (const b of boards) cleanups.push(() => b.stop());
  return {
    emulator,
    boards,
    async unplug() {
      await pty.unplug();
      await served.close();
    },
    async plug() {
      await pty.plug();
      served = await serveEmulatorOn(pty.a, 9600, emulator);
    },
  };
}

describe('0x8A boards over a PTY pair', () => {
  it('pulses exactly the commanded lock and picks up the door closed by hand', async () => {
    const { emulator, boards } = await bus([1]);
    const board = boards[0]!;
    const doors: DoorSensorEvent[] = [];
    board.subscribe({ door: (e) => doors.push(e) });
    await board.start();
    await expect(board.open(17, 'op-17', 500)).resolves.toEqual({ pulsed: true });
    expect(emulator.pulses.map((p) => [p.board, p.lock])).toEqual([[1, 17]]);
    emulator.closeDoor(1, 17);
    await waitFor(() => doors.some((e) => e.kind === 'closed'), 10_000, 'closed event');
    expect(doors.map((e) => [e.channel, e.kind])).toEqual([
      [17, 'opened'],
      [17, 'closed'],
    ]);
  });

  it('retries corrupt replies', async () => {
    const { emulator, boards } = await bus([1]);
    const board = boards[0]!;
    await board.start();
    emulator.corruptReplies = 2;
    expect(await board.readStatus()).toHaveLength(24);
    expect(emulator.corruptReplies).toBe(0);
    expect(board.isOnline()).toBe(true);
  });

  it('drives two boards on one bus by address', async () => {
    const { emulator, boards } = await bus([1, 2]);
    const [b1, b2] = boards as [Board8a, Board8a];
    await Promise.all([b1.start(), b2.start()]);
    await Promise.all([b1.open(3, 'b1-3', 500), b2.open(3, 'b2-3', 500)]);
    expect(emulator.pulses.map((p) => `${p.board}/${p.lock}`).sort()).toEqual(['1/3', '2/3']);
  });

  it('detects the cable pulled, fails fast, and reconnects', async () => {
    const setup = await bus([1]);
    const board = setup.boards[0]!;
    await board.start();
    await setup.unplug();
    await waitFor(() => !board.isOnline(), 15_000, 'board offline');
    await expect(board.readStatus()).rejects.toMatchObject({ code: 'offline' });
    await expect(board.open(1, 'while-out', 500)).rejects.toMatchObject({ code: 'offline' });
    await setup.plug();
    await waitFor(() => board.isOnline(), 20_000, 'board back online');
    await board.open(1, 'after', 500);
    expect(setup.emulator.pulses.map((p) => p.lock)).toEqual([1]);
  });
});

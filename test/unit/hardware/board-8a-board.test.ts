import { afterEach, describe, expect, it } from 'vitest';
import { Board8a, type Board8aOptions } from '../../../controller/src/hardware/board-8a/board-8a.ts';
import { createBoard8aBoards } from '../../../controller/src/hardware/board-8a/index.ts';
import type { DoorSensorEvent } from '../../../controller/src/hardware/lock-board.ts';
import { SerialLink } from '../../../controller/src/hardware/serial-link.ts';
import { Board8aBusEmulator, type Board8aSimOptions } from '../../support/emulators/board-8a-emulator.ts';
import { EmulatedPorts } from '../../support/emulators/emulated-port.ts';

// Replies come at once; the long reply timeout only keeps a loaded CI machine from faking silence.
const FAST = { pollMs: 20, replyTimeoutMs: 1000, retries: 2, offlineAfter: 3, startTimeoutMs: 2000, offlinePollMs: 40 };

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const started: Board8a[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((b) => b.stop()));
});

function setup(boards: Array<[number, Board8aSimOptions?]> = [[1]]) {
  const emulator = new Board8aBusEmulator(boards);
  const ports = new EmulatedPorts(emulator);
  const link = new SerialLink({ path: '/dev/ttyFAKE8A', baudRate: 9600, openPort: ports.open, minBackoffMs: 20, maxBackoffMs: 50 });
  const board = (id: string, address: number, extra: Partial<Board8aOptions> = {}) => {
    const b = new Board8a({
      id,
      channels: 24,
      address,
      link,
      feedbackPolarity: 'closed-high',
      statusQuery: 'all',
      statusByteOrder: 'ascending',
      timing: FAST,
      ...extra,
    });
    started.push(b);
    return b;
  };
  return { emulator, ports, board };
}

describe('0x8A board', () => {
  it('pulses exactly the commanded lock and sees its door open', async () => {
    const { emulator, board } = setup();
    const a = board('A', 1);
    const doors: DoorSensorEvent[] = [];
    a.subscribe({ door: (e) => doors.push(e) });
    await a.start();
    await expect(a.open(24, 'op-1', 500)).resolves.toEqual({ pulsed: true });
    expect(emulator.pulses.map((p) => [p.board, p.lock])).toEqual([[1, 24]]);
    const states = await a.readStatus();
    expect(states.filter((s) => s.doorOpen).map((s) => s.channel)).toEqual([24]);
    expect(states[23]).toEqual({ channel: 24, locked: false, doorOpen: true });
    emulator.closeDoor(1, 24);
    await until(() => doors.some((e) => e.kind === 'closed'), 'closed event');
    expect(doors.map((e) => [e.channel, e.kind])).toEqual([
      [24, 'opened'],
      [24, 'closed'],
    ]);
  });

  it.each(['open-high', 'closed-high'] as const)('reads doors right on a board reporting %s', async (polarity) => {
    const { emulator, board } = setup([[1, { polarity }]]);
    emulator.forceDoor(1, 3);
    const a = board('A', 1, { feedbackPolarity: polarity });
    await a.start();
    const open = (await a.readStatus()).filter((s) => s.doorOpen).map((s) => s.channel);
    expect(open).toEqual([3]);
  });

  it('reads every door inverted when the polarity setting does not match the board', async () => {
    const { emulator, board } = setup([[1, { polarity: 'open-high' }]]);
    emulator.forceDoor(1, 3);
    const a = board('A', 1, { feedbackPolarity: 'closed-high' });
    await a.start();
    expect((await a.readStatus()).filter((s) => s.doorOpen)).toHaveLength(23);
  });

  it('can poll lock by lock on boards without query-all', async () => {
    const { emulator, board } = setup([[1, { locks: 4 }]]);
    emulator.forceDoor(1, 2);
    const a = board('A', 1, { channels: 4, statusQuery: 'each' });
    await a.start();
    expect((await a.readStatus()).map((s) => s.doorOpen)).toEqual([false, true, false, false]);
  });

  it('reads status bytes in descending order when configured', async () => {
    const { emulator, board } = setup([[1, { order: 'descending' }]]);
    emulator.forceDoor(1, 9);
    const a = board('A', 1, { statusByteOrder: 'descending' });
    await a.start();
    expect((await a.readStatus()).filter((s) => s.doorOpen).map((s) => s.channel)).toEqual([9]);
  });

  it('retries corrupt replies', async () => {
    const { emulator, board } = setup();
    const a = board('A', 1);
    await a.start();
    emulator.corruptReplies = 2;
    expect(await a.readStatus()).toHaveLength(24);
    expect(emulator.corruptReplies).toBe(0);
  });

  it('does not resend an open whose acknowledgement was corrupt, and settles it by reading the door', async () => {
    const { emulator, board } = setup();
    const a = board('A', 1);
    await a.start();
    emulator.corruptReplies = 1;
    await expect(a.open(5, 'op-c', 200)).resolves.toEqual({ pulsed: true });
    expect(emulator.pulses).toHaveLength(1);
  });

  it('shares a bus with another board by address and fails fast while offline', async () => {
    const { emulator, board } = setup([[1], [2]]);
    const a = board('A', 1);
    const b = board('B', 2, { timing: { ...FAST, replyTimeoutMs: 100 } });
    await Promise.all([a.start(), b.start()]);
    await Promise.all([a.open(1, 'a1', 500), b.open(2, 'b2', 500)]);
    expect(emulator.pulses.map((p) => [p.board, p.lock]).sort()).toEqual([
      [1, 1],
      [2, 2],
    ]);
    emulator.boards.delete(2); // board B loses power
    await until(() => !b.isOnline(), 'B offline');
    expect(a.isOnline()).toBe(true);
    await expect(b.open(3, 'b3', 500)).rejects.toMatchObject({ code: 'offline' });
  });
});

describe('createBoard8aBoards', () => {
  it('defaults to 9600 baud, address 1 and closed-high feedback, and explains bad options', () => {
    const [a] = createBoard8aBoards([{ id: 'A', channels: 24, port: '/dev/ttyUSB1', options: {} }]);
    expect(a?.address).toBe(1);
    expect(() => createBoard8aBoards([{ id: 'A', channels: 24, port: '/dev/x', options: { feedbackPolarity: 'up' } }])).toThrow(
      /board A \(board-8a\): options.feedbackPolarity/,
    );
    expect(() => createBoard8aBoards([{ id: 'A', channels: 64, port: '/dev/x', options: {} }])).toThrow(/statusQuery "each"/);
    expect(createBoard8aBoards([{ id: 'A', channels: 64, port: '/dev/x', options: { statusQuery: 'each' } }])).toHaveLength(1);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BoardError, type DoorSensorEvent, type LockBoard } from '../../controller/src/hardware/lock-board.ts';
import { waitFor } from './pty.ts';

/** A started board plus hands on the physical side. Every harness starts with all doors closed. */
export interface LockBoardHarness {
  board: LockBoard;
  /** a hand shuts the door on this channel. */
  closeDoor(channel: number): void | Promise<void>;
  /** a hand pulls the door open without a command. */
  forceDoor(channel: number): void | Promise<void>;
  /** every lock pulse that physically happened so far, oldest first. */
  pulses(): Array<{ channel: number }> | Promise<Array<{ channel: number }>>;
  /** stops the board and everything the harness started. */
  cleanup(): Promise<void>;
}

export interface ContractOptions {
  /** names of tests a driver cannot meet, with the reason in the caller's comment. */
  skip?: string[];
  /** how long door events may take (a polled board needs longer); default 5000 ms. */
  eventTimeoutMs?: number;
}

/**
 * The behaviour every LockBoard driver owes the rest of the system. Run it once per driver:
 * runLockBoardContract('lwp over a PTY', makeHarness). The board must have at least 3 channels.
 */
export function runLockBoardContract(name: string, makeHarness: () => Promise<LockBoardHarness>, options: ContractOptions = {}): void {
  const eventMs = options.eventTimeoutMs ?? 5000;
  const test = (title: string, fn: () => Promise<void>) => (options.skip?.includes(title) ? it.skip : it)(title, fn, 60_000);

  describe(`LockBoard contract: ${name}`, () => {
    let h: LockBoardHarness;
    let events: DoorSensorEvent[];
    beforeEach(async () => {
      h = await makeHarness();
      events = [];
      h.board.subscribe({ door: (e) => events.push(e) });
    });
    afterEach(async () => {
      await h?.cleanup();
    });

    const channels = async () => (await h.pulses()).map((p) => p.channel);
    const eventFor = (channel: number, kind: DoorSensorEvent['kind']) =>
      waitFor(() => events.find((e) => e.channel === channel && e.kind === kind), eventMs, `${kind} event on channel ${channel}`);

    test('is online after start and reports every channel closed and locked', async () => {
      expect(h.board.isOnline()).toBe(true);
      const status = await h.board.readStatus();
      expect(status.map((s) => s.channel)).toEqual(Array.from({ length: h.board.channelCount }, (_, i) => i + 1));
      expect(status.every((s) => !s.doorOpen && s.locked)).toBe(true);
      expect(await channels()).toEqual([]);
    });

    test('opens exactly the commanded door, once, and reports it opened', async () => {
      const result = await h.board.open(2, 'contract-op-1', 200);
      expect(result.pulsed).toBe(true);
      expect(await channels()).toEqual([2]);
      const e = await eventFor(2, 'opened');
      expect(e.boardId).toBe(h.board.id);
      await waitFor(async () => (await h.board.readStatus())[1]!.doorOpen, eventMs, 'door 2 reported open');
      expect(events.filter((e) => e.channel !== 2)).toEqual([]);
    });

    test('never pulses twice for the same operation id', async () => {
      await h.board.open(3, 'contract-op-2', 200);
      const again = await h.board.open(3, 'contract-op-2', 200);
      expect(again.pulsed).toBe(true);
      expect(await channels()).toEqual([3]);
    });

    test('reports a door closed by hand', async () => {
      await h.board.open(1, 'contract-op-3', 200);
      await eventFor(1, 'opened');
      await h.closeDoor(1);
      await eventFor(1, 'closed');
      await waitFor(async () => !(await h.board.readStatus())[0]!.doorOpen, eventMs, 'door 1 reported closed');
    });

    test('reports a door forced open without a command, without pulsing', async () => {
      await h.forceDoor(3);
      await eventFor(3, 'forced');
      expect(await channels()).toEqual([]);
    });

    test('refuses a channel the board does not have, without pulsing', async () => {
      for (const ch of [0, h.board.channelCount + 1]) {
        const err = await h.board.open(ch, `contract-bad-${ch}`, 200).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(BoardError);
        expect((err as BoardError).code).toBe('bad-channel');
      }
      expect(await channels()).toEqual([]);
    });

    test('stops sending events to an unsubscribed listener', async () => {
      const late: DoorSensorEvent[] = [];
      const unsubscribe = h.board.subscribe({ door: (e) => late.push(e) });
      unsubscribe();
      await h.forceDoor(1);
      await eventFor(1, 'forced');
      expect(late).toEqual([]);
    });

    test('after stop it is offline and refuses to open at once, without pulsing', async () => {
      await h.board.stop();
      expect(h.board.isOnline()).toBe(false);
      const err = await h.board.open(1, 'contract-op-4', 200).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BoardError);
      expect((err as BoardError).code).toBe('offline');
      expect(await channels()).toEqual([]);
    });
  });
}

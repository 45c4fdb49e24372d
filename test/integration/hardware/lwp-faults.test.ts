import { mkdir, mkdtemp, readFile, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SerialPort } from 'serialport';
import { BoardError, type BoardAvailability, type DoorSensorEvent } from '../../../controller/src/hardware/lock-board.ts';
import type { LwpMessage } from '../../../firmware-protocol/src/index.ts';
import { waitFor } from '../../support/pty.ts';
import { startLwpRig, type LwpRig } from './lwp-support.ts';

let rig: LwpRig | undefined;
afterEach(async () => {
  await rig?.cleanup();
  rig = undefined;
  vi.restoreAllMocks();
});

const pulsed = () => rig!.sim.board.pulses.map((p) => `${p.channel}:${p.op}`);
const errorOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as BoardError);
const verbs = (heard: LwpMessage[]) => heard.map((m) => (m.type === 'command' ? m.command.verb : m.type));

describe('lwp driver over a real PTY with the board simulator', () => {
  it('reads a reply that arrives one byte at a time', async () => {
    rig = await startLwpRig();
    rig.sim.board.setFaults({ byteByByte: true });
    expect(await rig.board.open(4, 'bytes-1', 100)).toEqual({ pulsed: true });
    expect((await rig.board.readStatus())[3]).toEqual({ channel: 4, locked: false, doorOpen: true });
    expect(pulsed()).toEqual(['4:bytes-1']);
  });

  it('retries an open whose reply was corrupted and the lock pulses once', async () => {
    rig = await startLwpRig();
    rig.sim.board.setFaults({ corruptReplies: 1 });
    const result = await rig.board.open(3, 'crc-1', 100);
    expect(result).toEqual({ pulsed: true, duplicate: true });
    expect(pulsed()).toEqual(['3:crc-1']);
    const opens = rig.sim.board.heard.filter((m) => m.type === 'command' && m.command.verb === 'OPEN');
    expect(opens).toHaveLength(2);
    expect(new Set(opens.map((m) => m.type === 'command' && m.command.verb === 'OPEN' && m.command.op))).toEqual(new Set(['crc-1']));
  });

  it('resends at once an open the board could not read (R? ERR BADCRC), pulsing once', async () => {
    rig = await startLwpRig({ replyTimeoutMs: 5000 });
    rig.sim.board.setFaults({ corruptIncoming: 1 });
    const t0 = Date.now();
    const result = await rig.board.open(6, 'mangled-1', 100);
    expect(Date.now() - t0).toBeLessThan(4000); // resent on the board's R? answer, not after the 5 s timeout
    // the first copy never executed, so this is not a duplicate; a 5 s timeout never came into play
    expect(result).toEqual({ pulsed: true });
    expect(pulsed()).toEqual(['6:mangled-1']);
  });

  it('resends an open whose command was lost, and one whose reply was lost, pulsing each once', async () => {
    rig = await startLwpRig();
    rig.sim.board.setFaults({ dropCommands: 1 });
    expect(await rig.board.open(1, 'lost-cmd', 100)).toEqual({ pulsed: true });
    await new Promise((r) => setTimeout(r, 120)); // let the 100 ms pulse end so the next is not BUSY
    rig.sim.board.setFaults({ dropReplies: 1 });
    expect(await rig.board.open(2, 'lost-reply', 100)).toEqual({ pulsed: true, duplicate: true });
    expect(pulsed()).toEqual(['1:lost-cmd', '2:lost-reply']);
  });

  it('waits out a BUSY board instead of failing', async () => {
    rig = await startLwpRig();
    const [a, b] = await Promise.all([rig.board.open(1, 'busy-a', 300), rig.board.open(2, 'busy-b', 100)]);
    expect(a.pulsed && b.pulsed).toBe(true);
    expect(pulsed()).toEqual(['1:busy-a', '2:busy-b']);
  });

  it('never takes a reply that arrives after its timeout for the next command', async () => {
    rig = await startLwpRig({ replyTimeoutMs: 1000 });
    // the first OPEN reply comes 1300 ms late: the resend (same op) at 1000 ms is answered as a duplicate
    rig.sim.board.setFaults({ delayMs: 1300, delayReplies: 1 });
    expect(await rig.board.open(5, 'late-1', 100)).toEqual({ pulsed: true, duplicate: true });
    // the STATUS reply is held back 600 ms so the late OPENED line (due at ~1300 ms) lands while STATUS is outstanding
    rig.sim.board.setFaults({ delayMs: 600, delayReplies: 1 });
    const status = await rig.board.readStatus();
    expect(status).toHaveLength(6);
    expect(status[4]).toMatchObject({ channel: 5, doorOpen: true });
    expect(pulsed()).toEqual(['5:late-1']);
    expect(rig.board.isOnline()).toBe(true);
  });

  it('detects a pulled cable mid-open within 2 s, fails fast while unplugged, and re-reads the doors first after replug', async () => {
    rig = await startLwpRig();
    const availability: Array<[BoardAvailability, string | undefined]> = [];
    const events: DoorSensorEvent[] = [];
    rig.board.subscribe({ availability: (s, r) => availability.push([s, r]), door: (e) => events.push(e) });

    rig.sim.board.setFaults({ silent: true }); // the OPEN goes out and nothing comes back
    const opening = errorOf(rig.board.open(2, 'unplug-1', 100));
    await new Promise((r) => setTimeout(r, 50));
    const pulledAt = Date.now();
    await rig.pty.unplug();
    await waitFor(() => availability.some(([s]) => s === 'offline'), 5000, 'offline');
    expect(Date.now() - pulledAt).toBeLessThan(2000);
    const err = await opening;
    expect(err).toBeInstanceOf(BoardError);
    expect(['offline', 'timeout']).toContain(err!.code);

    const refusedAt = Date.now();
    const refused = await errorOf(rig.board.open(3, 'unplug-2', 100));
    expect(refused?.code).toBe('offline');
    expect(Date.now() - refusedAt).toBeLessThan(500);
    expect((await errorOf(rig.board.readStatus()))?.code).toBe('offline');

    // while unplugged a door is pulled open by hand; then the cable goes back in
    rig.sim.board.clearFaults();
    rig.sim.board.forceDoor(6);
    const heardBefore = rig.sim.board.heard.length;
    await rig.pty.plug();
    await rig.sim.attach();
    await waitFor(() => rig!.board.isOnline(), 10_000, 'back online');
    expect(await rig.board.open(1, 'unplug-3', 100)).toEqual({ pulsed: true });

    const after = verbs(rig.sim.board.heard.slice(heardBefore)).filter((v) => v !== 'ack' && v !== 'PING');
    expect(after.slice(0, 2)).toEqual(['HELLO', 'STATUS']);
    expect(after.indexOf('OPEN')).toBeGreaterThan(1);
    await waitFor(() => events.find((e) => e.channel === 6 && e.kind === 'forced'), 5000, 'forced event for door 6');
    expect(events.filter((e) => e.channel === 6)).toHaveLength(1);
    expect(pulsed()).toEqual(['1:unplug-3']);
  });

  it('fails an open cut short by a board reset as outcome unknown, recovers, and never resends it', async () => {
    rig = await startLwpRig();
    const events: DoorSensorEvent[] = [];
    rig.board.subscribe({ door: (e) => events.push(e) });
    const bootBefore = rig.sim.board.bootId;

    rig.sim.board.setFaults({ resetOn: { verb: 'OPEN', when: 'before' } });
    const before = await errorOf(rig.board.open(2, 'reset-1', 100));
    expect(before?.code).toBe('io');
    expect(before?.message).toMatch(/restarted/);
    await waitFor(() => rig!.board.isOnline(), 10_000, 'online after reset');
    expect(rig.sim.board.bootId).not.toBe(bootBefore);
    expect(await rig.board.readStatus()).toHaveLength(6);

    // the worst case: the coil fired, then the board died before answering
    rig.sim.board.setFaults({ resetOn: { verb: 'OPEN', when: 'after' } });
    const after = await errorOf(rig.board.open(3, 'reset-2', 100));
    expect(after?.code).toBe('io');
    await waitFor(() => rig!.board.isOnline(), 10_000, 'online after second reset');
    await waitFor(() => events.find((e) => e.channel === 3 && e.kind === 'opened'), 5000, 'door 3 reported opened');
    expect(await rig.board.open(4, 'reset-3', 100)).toEqual({ pulsed: true });
    await new Promise((r) => setTimeout(r, 500)); // time for any wrongful resend to show up
    expect(pulsed()).toEqual(['3:reset-2', '4:reset-3']);
  });

  it('never pulses twice when the board restarts after pulsing and its RESET announcement is lost', async () => {
    rig = await startLwpRig({ eventResendMs: 60_000 });
    // the coil fires, the board dies before answering, and nobody hears it come back
    rig.sim.board.setFaults({ resetOn: { verb: 'OPEN', when: 'after' }, dropEvents: 2 });
    const err = await errorOf(rig.board.open(2, 'silent-reset', 100));
    expect(err?.code).toBe('io');
    expect(err?.message).toMatch(/may or may not have pulsed/);
    await waitFor(() => rig!.board.isOnline(), 10_000, 'online after the re-handshake');
    expect(pulsed()).toEqual(['2:silent-reset']);
    const refused = rig.sim.board.heard.filter((m) => m.type === 'command' && m.command.verb === 'OPEN');
    expect(refused).toHaveLength(2); // the resend reached the new boot and was refused (ERR BOOT)
    expect(await rig.board.open(3, 'after-silent-reset', 100)).toEqual({ pulsed: true });
    expect(pulsed()).toEqual(['2:silent-reset', '3:after-silent-reset']);
  });

  it('acknowledges door events, reports a resent one once, and gets it resent when the first copy was lost', async () => {
    rig = await startLwpRig({ eventResendMs: 300 });
    const events: DoorSensorEvent[] = [];
    rig.board.subscribe({ door: (e) => events.push(e) });
    const acks = () => rig!.sim.board.heard.filter((m) => m.type === 'ack').length;

    rig.sim.board.setFaults({ ignoreAcks: 2 }); // the first two acks get lost: the board resends
    const before = acks();
    rig.sim.board.forceDoor(4);
    await waitFor(() => acks() - before >= 3, 10_000, 'the ack that finally lands');
    await new Promise((r) => setTimeout(r, 700)); // two more resend periods: nothing left to resend
    const settled = acks();
    await new Promise((r) => setTimeout(r, 700));
    expect(acks()).toBe(settled);
    expect(events.filter((e) => e.channel === 4)).toEqual([expect.objectContaining({ kind: 'forced' })]);

    rig.sim.board.setFaults({ dropEvents: 1 }); // the first copy never reaches the wire
    rig.sim.board.closeDoor(4);
    await waitFor(() => events.find((e) => e.channel === 4 && e.kind === 'closed'), 10_000, 'closed via a resend');
    expect(events.filter((e) => e.channel === 4).map((e) => e.kind)).toEqual(['forced', 'closed']);
  });

  it('pulses only commanded doors, each operation once, through a storm of faults', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lw-pulses-'));
    const log = join(dir, 'pulses.jsonl');
    rig = await startLwpRig({ channels: 8, pulseLog: log });
    const faults = [{ corruptReplies: 1 }, { dropReplies: 1 }, { dropCommands: 1 }, { byteByByte: true }, {}, { delayMs: 500, delayReplies: 1 }];
    const commanded: string[] = [];
    for (let i = 0; i < 12; i++) {
      rig.sim.board.clearFaults();
      rig.sim.board.setFaults(faults[i % faults.length]!);
      const channel = ((i * 5) % 8) + 1;
      const result = await rig.board.open(channel, `storm-${i}`, 20);
      expect(result.pulsed).toBe(true);
      commanded.push(`${channel}:storm-${i}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    const physical = (await readFile(log, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { channel: number; op: string })
      .map((p) => `${p.channel}:${p.op}`);
    expect(physical).toEqual(commanded);
  });

  it('opens a /dev/serial/by-id style link without ever listing ports', async () => {
    const list = vi.spyOn(SerialPort, 'list');
    rig = await startLwpRig({
      driverPath: async (pty) => {
        const byId = join(pty.dir, 'serial', 'by-id');
        await mkdir(byId, { recursive: true });
        const link = join(byId, 'usb-Lockerwall_LWP_Board_A-if00-port0');
        await symlink(pty.b, link);
        return link;
      },
    });
    expect(rig.board.isOnline()).toBe(true);
    expect(await rig.board.open(1, 'by-id', 50)).toEqual({ pulsed: true });
    expect(list).not.toHaveBeenCalled();
  });
});

describe('lwp driver start with no board on the line', () => {
  it('rejects start after its timeout, keeps trying, and comes online by itself once the board is plugged in', async () => {
    const { createPty } = await import('../../support/pty.ts');
    const { createLwpBoard } = await import('../../../controller/src/hardware/lwp/lwp-board.ts');
    const { SerialBoardSimulator } = await import('../../../firmware-protocol/simulator/serial-board.ts');
    const pty = await createPty();
    await pty.unplug(); // the links are gone: nothing at that path yet
    const board = createLwpBoard({ id: 'A', channels: 4, path: pty.b, startTimeoutMs: 500, reconnectMinMs: 50, reconnectMaxMs: 200 });
    const sim = new SerialBoardSimulator({ path: pty.a, channels: 4, boardId: 'A' });
    try {
      const err = await errorOf(board.start());
      expect(err?.code).toBe('offline');
      expect(err?.message).toMatch(/did not answer/);
      expect((await errorOf(board.open(1, 'absent-1', 50)))?.code).toBe('offline');
      await pty.plug();
      await sim.start();
      await waitFor(() => board.isOnline(), 10_000, 'online after plug-in');
      expect(await board.open(1, 'absent-2', 50)).toEqual({ pulsed: true });
      expect(sim.board.pulses.map((p) => p.op)).toEqual(['absent-2']);
    } finally {
      await board.stop();
      await sim.stop();
      await pty.cleanup();
    }
  });
});

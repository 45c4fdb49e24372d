import { afterEach, describe, expect, it } from 'vitest';
import { createGpioBoard, createGpioBoards, type GpioBoard } from '../../../controller/src/hardware/gpio/index.ts';
import { BoardError, type DoorSensorEvent } from '../../../controller/src/hardware/lock-board.ts';
import { FakeSysfsGpio, type FakeChip } from '../../support/emulators/fake-sysfs-gpio.ts';

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(options: Record<string, unknown>, chips?: FakeChip[], channels = 2) {
  const sysfs = await FakeSysfsGpio.create(chips);
  cleanups.push(() => sysfs.cleanup());
  const board = createGpioBoard({ id: 'G', channels, options }, { sysfsRoot: sysfs.root, gpio: sysfs.factory });
  cleanups.push(() => board.stop());
  return { sysfs, board };
}

function doorEvents(board: GpioBoard): DoorSensorEvent[] {
  const events: DoorSensorEvent[] = [];
  board.subscribe({ door: (e) => events.push(e) });
  return events;
}

describe('GPIO board', () => {
  it('starts active-low relays high: the inactive level is set as they become outputs', async () => {
    const { sysfs, board } = await setup({ relayPins: [17, 27], activeLow: true });
    await board.start();
    expect(sysfs.ops).toEqual(['export 529', 'direction 529 high', 'export 539', 'direction 539 high']);
    expect(sysfs.drivenLevels(529)).toEqual([1]);
    expect(sysfs.direction(529)).toBe('out');
    expect(sysfs.ops.some((op) => op.endsWith(' out'))).toBe(false); // never plain "out", which starts low
  });

  it('starts active-high relays low', async () => {
    const { sysfs, board } = await setup({ relayPins: [5, 6], activeLow: false });
    await board.start();
    expect(sysfs.drivenLevels(517)).toEqual([0]);
    expect(sysfs.drivenLevels(518)).toEqual([0]);
  });

  it('pulses an active-low relay low for the pulse and back high, touching no other relay', async () => {
    const { sysfs, board } = await setup({ relayPins: [17, 27], activeLow: true });
    await board.start();
    const pulse = board.open(2, 'op-1', 30);
    expect(sysfs.level(539)).toBe(0);
    expect((await board.readStatus())[1]?.locked).toBe(false);
    await expect(pulse).resolves.toEqual({ pulsed: true });
    expect(sysfs.drivenLevels(539)).toEqual([1, 0, 1]);
    expect(sysfs.drivenLevels(529)).toEqual([1]);
    await expect(board.open(2, 'op-1', 30)).resolves.toEqual({ pulsed: true, duplicate: true });
    expect(sysfs.drivenLevels(539)).toEqual([1, 0, 1]);
  });

  it('leaves relays exported and driven inactive on stop, even mid-pulse', async () => {
    const { sysfs, board } = await setup({ relayPins: [17, 27], sensorPins: [22, 23], activeLow: true });
    await board.start();
    const pulse = board.open(1, 'op', 4000);
    await board.stop();
    await pulse;
    expect(sysfs.level(529)).toBe(1);
    expect(sysfs.isExported(529)).toBe(true);
    expect(sysfs.direction(529)).toBe('out');
    expect(sysfs.isExported(534)).toBe(false); // sensors are released
    await expect(board.open(1, 'op2', 10)).rejects.toMatchObject({ code: 'offline' });
  });

  it('adds the base of the Pi 5 main chip (pinctrl-rp1) to BCM pin numbers', async () => {
    const { sysfs, board } = await setup({ relayPins: [17], activeLow: false }, [
      { name: 'gpiochip512', label: 'gpio-brcmstb@107d508500', base: 512, ngpio: 32 },
      { name: 'gpiochip571', label: 'pinctrl-rp1', base: 571, ngpio: 54 },
    ], 1);
    await board.start();
    expect(sysfs.isExported(588)).toBe(true);
  });

  it('uses the configured chip label', async () => {
    const { sysfs, board } = await setup({ relayPins: [3], activeLow: false, chipLabel: 'my-expander' }, [
      { name: 'gpiochip0', label: 'pinctrl-bcm2835', base: 0, ngpio: 54 },
      { name: 'gpiochip496', label: 'my-expander', base: 496, ngpio: 16 },
    ], 1);
    await board.start();
    expect(sysfs.isExported(499)).toBe(true);
    expect(sysfs.isExported(3)).toBe(false);
  });

  it('says which chips it found when none is the Pi\'s', async () => {
    const { board } = await setup({ relayPins: [3], activeLow: false }, [{ name: 'gpiochip0', label: 'gpio-mockup-A', base: 0, ngpio: 8 }], 1);
    await expect(board.start()).rejects.toThrow(/gpiochip0 "gpio-mockup-A".*options\.chipLabel/);
  });

  it('refuses pins beyond the chip', async () => {
    const { board } = await setup({ relayPins: [60], activeLow: false }, undefined, 1);
    await expect(board.start()).rejects.toThrow(/pin 60 is beyond gpiochip512/);
  });

  it('explains a missing sysfs GPIO', async () => {
    const board = createGpioBoard({ id: 'G', channels: 1, options: { relayPins: [17], activeLow: true } }, { sysfsRoot: '/nonexistent-sysfs' });
    const err = await board.start().then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(BoardError);
    expect((err as BoardError).code).toBe('io');
    expect((err as BoardError).message).toMatch(/GPIO through sysfs is not available: \/nonexistent-sysfs\/class\/gpio does not exist/);
    expect(board.isOnline()).toBe(false);
  });

  it('reports a pin it cannot export as an error naming the board', async () => {
    const { sysfs, board } = await setup({ relayPins: [17], activeLow: true }, undefined, 1);
    sysfs.failExport = true;
    await expect(board.start()).rejects.toThrow(/GPIO board G could not set up its pins: EBUSY/);
  });

  it('reads normally-closed reed switches to ground: high means open', async () => {
    const { sysfs, board } = await setup({ relayPins: [17, 27], sensorPins: [22, 23], activeLow: true, sensor: 'nc', debounceMs: 20 });
    await board.start();
    const events = doorEvents(board);
    expect((await board.readStatus()).map((s) => s.doorOpen)).toEqual([false, false]);
    await board.open(1, 'op', 10);
    sysfs.setInput(534, 1);
    await until(() => events.length === 1, 'opened');
    sysfs.setInput(535, 1);
    await until(() => events.length === 2, 'forced');
    sysfs.setInput(534, 0);
    await until(() => events.length === 3, 'closed');
    expect(events.map((e) => [e.channel, e.kind])).toEqual([
      [1, 'opened'],
      [2, 'forced'],
      [1, 'closed'],
    ]);
    expect((await board.readStatus()).map((s) => s.doorOpen)).toEqual([false, true]);
  });

  it('reads normally-open switches the other way round', async () => {
    const { sysfs, board } = await setup({ relayPins: [17], sensorPins: [22], activeLow: true, sensor: 'no', debounceMs: 0 }, undefined, 1);
    // inputs start low on export: with a normally-open switch to ground that is an open door
    await board.start();
    expect((await board.readStatus())[0]?.doorOpen).toBe(true);
    sysfs.setInput(534, 1);
    expect((await board.readStatus())[0]?.doorOpen).toBe(false);
  });

  it('reports one event for a bouncing reed switch', async () => {
    const { sysfs, board } = await setup({ relayPins: [17], sensorPins: [22], activeLow: true, debounceMs: 100 }, undefined, 1);
    await board.start();
    const events = doorEvents(board);
    for (const level of [1, 0, 1, 0, 1] as const) sysfs.setInput(534, level);
    await until(() => events.length === 1, 'forced');
    expect(events.map((e) => e.kind)).toEqual(['forced']);
  });

  it('notices a change even when the edge interrupt was missed', async () => {
    const { sysfs, board } = await setup({ relayPins: [17], sensorPins: [22], activeLow: true, debounceMs: 10, sensorPollMs: 20 }, undefined, 1);
    await board.start();
    const events = doorEvents(board);
    sysfs.setInput(534, 1, { edge: false });
    await until(() => events.length === 1, 'forced');
  });
});

describe('createGpioBoard', () => {
  it('insists on activeLow and one pin per channel', () => {
    expect(() => createGpioBoard({ id: 'G', channels: 1, options: { relayPins: [17] } })).toThrow(/options.activeLow: options.activeLow is required/);
    expect(() => createGpioBoard({ id: 'G', channels: 2, options: { relayPins: [17], activeLow: true } })).toThrow(/one relay pin per channel/);
    expect(() => createGpioBoard({ id: 'G', channels: 1, options: { relayPins: [17], sensorPins: [17], activeLow: true } })).toThrow(/pin 17 is used twice/);
    expect(() =>
      createGpioBoards([
        { id: 'G1', channels: 1, options: { relayPins: [17], activeLow: true } },
        { id: 'G2', channels: 1, options: { relayPins: [17], activeLow: true } },
      ]),
    ).toThrow(/G1 and G2 \(gpio\) both use pin 17/);
  });
});

import { createGpioBoard } from '../../../controller/src/hardware/gpio/index.ts';
import { FakeSysfsGpio } from '../../support/emulators/fake-sysfs-gpio.ts';
import { runLockBoardContract } from '../../support/lock-board-contract.ts';

const BASE = 512;
const RELAYS = [17, 27, 5];
const SENSORS = [22, 23, 24]; // normally-closed reed switches to ground: high = door open

runLockBoardContract('gpio driver on a fake sysfs tree', async () => {
  const sysfs = await FakeSysfsGpio.create();
  const pulses: Array<{ channel: number }> = [];
  sysfs.onDrive = (gpio, level) => {
    const channel = RELAYS.indexOf(gpio - BASE) + 1;
    if (channel === 0 || level !== 0) return; // active-low relay energised
    pulses.push({ channel });
    setImmediate(() => sysfs.setInput(BASE + SENSORS[channel - 1]!, 1)); // the latch lets go, the door swings open
  };
  const board = createGpioBoard(
    { id: 'G', channels: 3, options: { relayPins: RELAYS, sensorPins: SENSORS, activeLow: true, sensor: 'nc', debounceMs: 20 } },
    { sysfsRoot: sysfs.root, gpio: sysfs.factory },
  );
  await board.start();
  return {
    board,
    closeDoor: (ch) => sysfs.setInput(BASE + SENSORS[ch - 1]!, 0),
    forceDoor: (ch) => sysfs.setInput(BASE + SENSORS[ch - 1]!, 1),
    pulses: () => pulses,
    cleanup: async () => {
      await board.stop();
      await sysfs.cleanup();
    },
  };
});

import { createBoard8a } from '../../../controller/src/hardware/board-8a/index.ts';
import { Board8aBusEmulator } from '../../support/emulators/board-8a-emulator.ts';
import { serveEmulatorOn } from '../../support/emulators/emulated-port.ts';
import { runLockBoardContract } from '../../support/lock-board-contract.ts';
import { createPty } from '../../support/pty.ts';

const OPTIONS = { pollMs: 50, replyTimeoutMs: 500, startTimeoutMs: 10_000, feedbackPolarity: 'closed-high' };

runLockBoardContract(
  'board-8a driver over a socat PTY with the 0x8A bus emulator',
  async () => {
    const pty = await createPty({ a: 'board8a-bus', b: 'controller' });
    const emulator = new Board8aBusEmulator([[1, { polarity: 'closed-high' }]]);
    const served = await serveEmulatorOn(pty.a, 9600, emulator);
    const board = createBoard8a({ id: 'E', channels: 24, port: pty.b, address: 1, options: OPTIONS });
    await board.start();
    return {
      board,
      closeDoor: (ch) => emulator.closeDoor(1, ch),
      forceDoor: (ch) => emulator.forceDoor(1, ch),
      pulses: () => emulator.pulses.map((p) => ({ channel: p.lock })),
      cleanup: async () => {
        await board.stop();
        await served.close();
        await pty.cleanup();
      },
    };
  },
  { eventTimeoutMs: 10_000 },
);

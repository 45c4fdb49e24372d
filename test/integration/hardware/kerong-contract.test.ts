import { createKerongBoard } from '../../../controller/src/hardware/kerong-cu16/index.ts';
import { serveEmulatorOn } from '../../support/emulators/emulated-port.ts';
import { KerongBusEmulator } from '../../support/emulators/kerong-emulator.ts';
import { runLockBoardContract } from '../../support/lock-board-contract.ts';
import { createPty } from '../../support/pty.ts';

const OPTIONS = { pollMs: 50, replyTimeoutMs: 500, startTimeoutMs: 10_000 };

runLockBoardContract(
  'kerong-cu16 driver over a socat PTY with the Kerong bus emulator',
  async () => {
    const pty = await createPty({ a: 'kerong-bus', b: 'controller' });
    const emulator = new KerongBusEmulator([2]);
    const served = await serveEmulatorOn(pty.a, 19200, emulator);
    const board = createKerongBoard({ id: 'K', channels: 16, port: pty.b, baudRate: 19200, address: 2, options: OPTIONS });
    await board.start();
    return {
      board,
      closeDoor: (ch) => emulator.closeDoor(2, ch - 1),
      forceDoor: (ch) => emulator.forceDoor(2, ch - 1),
      pulses: () => emulator.pulses.map((p) => ({ channel: p.lock + 1 })),
      cleanup: async () => {
        await board.stop();
        await served.close();
        await pty.cleanup();
      },
    };
  },
  { eventTimeoutMs: 10_000 },
);

import { SerialBoardSimulator } from '../../../firmware-protocol/simulator/serial-board.ts';
import { createLwpBoard, type LwpBoard, type LwpBoardOptions } from '../../../controller/src/hardware/lwp/lwp-board.ts';
import { createPty, type PtyHarness } from '../../support/pty.ts';

export interface LwpRig {
  pty: PtyHarness;
  sim: SerialBoardSimulator;
  board: LwpBoard;
  cleanup(): Promise<void>;
}

/** The simulator on one end of a socat PTY pair, the driver on the other, both started. */
export interface RigOptions extends Partial<LwpBoardOptions> {
  autoCloseMs?: number;
  /** how often the simulator resends unacknowledged events (default 300 ms). */
  eventResendMs?: number;
  /** the simulator appends every pulse here (JSONL). */
  pulseLog?: string;
  /** the device path the driver opens, given the PTY (e.g. a by-id style symlink to pty.b). */
  driverPath?: (pty: PtyHarness) => Promise<string>;
}

export async function startLwpRig(options: RigOptions = {}): Promise<LwpRig> {
  const { autoCloseMs, pulseLog, driverPath, eventResendMs, ...driverOptions } = options;
  const pty = await createPty();
  const channels = options.channels ?? 6;
  const sim = new SerialBoardSimulator({
    path: pty.a,
    channels,
    boardId: 'A',
    eventResendMs: eventResendMs ?? 300,
    autoCloseMs: autoCloseMs ?? 0,
    ...(pulseLog ? { pulseLog } : {}),
  });
  await sim.start();
  const board = createLwpBoard({
    id: 'A',
    channels,
    path: driverPath ? await driverPath(pty) : pty.b,
    replyTimeoutMs: 400,
    heartbeatMs: 400,
    reconnectMinMs: 50,
    reconnectMaxMs: 400,
    startTimeoutMs: 15_000,
    ...driverOptions,
  });
  try {
    await board.start();
  } catch (err) {
    await board.stop();
    await sim.stop();
    await pty.cleanup();
    throw err;
  }
  return {
    pty,
    sim,
    board,
    async cleanup() {
      await board.stop();
      await sim.stop();
      await pty.cleanup();
    },
  };
}

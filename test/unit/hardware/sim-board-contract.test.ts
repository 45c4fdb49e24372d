import { SimBoard } from '../../../controller/src/hardware/sim-board.ts';
import { runLockBoardContract } from '../../support/lock-board-contract.ts';

runLockBoardContract('in-process SimBoard', async () => {
  const board = new SimBoard({ id: 'S', channels: 6 });
  await board.start();
  return {
    board,
    closeDoor: (ch) => board.closeDoor(ch),
    forceDoor: (ch) => board.forceDoor(ch),
    pulses: () => board.pulses,
    cleanup: () => board.stop(),
  };
});

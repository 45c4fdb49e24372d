import { runLockBoardContract } from '../../support/lock-board-contract.ts';
import { startLwpRig } from './lwp-support.ts';

runLockBoardContract('lwp driver over a socat PTY with the board simulator', async () => {
  const rig = await startLwpRig();
  return {
    board: rig.board,
    closeDoor: (ch) => rig.sim.board.closeDoor(ch),
    forceDoor: (ch) => rig.sim.board.forceDoor(ch),
    pulses: () => rig.sim.board.pulses,
    cleanup: () => rig.cleanup(),
  };
});

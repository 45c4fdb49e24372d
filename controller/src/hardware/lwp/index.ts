export { LwpBoard, createLwpBoard, type LwpBoardOptions } from './lwp-board.ts';
export { createLwpBoards, type CreatedLwpBoards, type LwpSimControls } from './create-lwp-boards.ts';
export { startSimulatedLwpBus, type SimulatedLwpBus, type SimulatedLwpBusOptions } from './pty-simulator.ts';
export { startPtyPair, type PtyPair } from './socat-pty.ts';

import { z } from 'zod';
import { SerialLinks } from '../serial-link.ts';
import { assertUniqueBusAddresses, parseBoardOptions, pollTimingOf, pollTimingOptions, requirePort, type SerialBoardConfig } from '../polled/board-options.ts';
import { KerongBoard } from './kerong-board.ts';

export { KerongBoard } from './kerong-board.ts';

export const KERONG_DEFAULT_BAUD = 19200;

const kerongOptions = pollTimingOptions
  .extend({ unlockReplyMs: z.number().int().min(0).max(5000).default(150) })
  .strict();

/**
 * Builds one Kerong KR-CU16 board; boards with the same `port` share one bus through `links`.
 * @example createKerongBoard({ id: 'A', channels: 16, port: '/dev/ttyUSB0', address: 0 }, links)
 */
export function createKerongBoard(board: SerialBoardConfig, links: SerialLinks = new SerialLinks()): KerongBoard {
  const options = parseBoardOptions(board, 'kerong-cu16', kerongOptions);
  const port = requirePort(board, 'kerong-cu16');
  return new KerongBoard({
    id: board.id,
    channels: board.channels,
    address: board.address ?? 0,
    link: links.get(port, board.baudRate ?? KERONG_DEFAULT_BAUD),
    timing: pollTimingOf(options),
    unlockReplyMs: options.unlockReplyMs,
  });
}

/** Builds every `kerong-cu16` board of the config (pass only those boards). */
export function createKerongBoards(boards: SerialBoardConfig[], _hardware?: unknown, links: SerialLinks = new SerialLinks()): KerongBoard[] {
  const built = boards.map((b) => createKerongBoard(b, links));
  assertUniqueBusAddresses(built);
  return built;
}

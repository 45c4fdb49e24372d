import { z } from 'zod';
import { assertUniqueBusAddresses, parseBoardOptions, pollTimingOf, pollTimingOptions, requirePort, type SerialBoardConfig } from '../polled/board-options.ts';
import { SerialLinks } from '../serial-link.ts';
import { Board8a } from './board-8a.ts';

export { Board8a } from './board-8a.ts';

export const BOARD_8A_DEFAULT_BAUD = 9600;

const board8aOptions = pollTimingOptions
  .extend({
    feedbackPolarity: z.enum(['open-high', 'closed-high']).default('closed-high'),
    statusQuery: z.enum(['all', 'each']).default('all'),
    statusByteOrder: z.enum(['ascending', 'descending']).default('ascending'),
  })
  .strict();

/**
 * Builds one 0x8A board; boards with the same `port` share one bus through `links`.
 * @example createBoard8a({ id: 'A', channels: 24, port: '/dev/ttyUSB0', address: 1, options: { feedbackPolarity: 'open-high' } })
 */
export function createBoard8a(board: SerialBoardConfig, links: SerialLinks = new SerialLinks()): Board8a {
  const options = parseBoardOptions(board, 'board-8a', board8aOptions);
  const port = requirePort(board, 'board-8a');
  return new Board8a({
    id: board.id,
    channels: board.channels,
    address: board.address ?? 1,
    link: links.get(port, board.baudRate ?? BOARD_8A_DEFAULT_BAUD),
    feedbackPolarity: options.feedbackPolarity,
    statusQuery: options.statusQuery,
    statusByteOrder: options.statusByteOrder,
    timing: pollTimingOf(options),
  });
}

/** Builds every `board-8a` board of the config (pass only those boards). */
export function createBoard8aBoards(boards: SerialBoardConfig[], _hardware?: unknown, links: SerialLinks = new SerialLinks()): Board8a[] {
  const built = boards.map((b) => createBoard8a(b, links));
  assertUniqueBusAddresses(built);
  return built;
}

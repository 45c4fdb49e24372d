import { z } from 'zod';
import type { BoardConfig } from '../../../../config/schema.ts';
import { DEFAULT_POLL_TIMING, type PollTiming } from './polled-board.ts';

/** The board settings a serial driver needs (config/schema.ts `boardSchema`). */
export type SerialBoardConfig = Pick<BoardConfig, 'id' | 'channels' | 'port' | 'baudRate' | 'address'> & {
  driver?: BoardConfig['driver'];
  options?: Record<string, unknown>;
};

/** Poll timing keys accepted in `options` of every polled serial board. */
export const pollTimingOptions = z.object({
  pollMs: z.number().int().min(20).max(60_000).default(DEFAULT_POLL_TIMING.pollMs),
  replyTimeoutMs: z.number().int().min(10).max(10_000).default(DEFAULT_POLL_TIMING.replyTimeoutMs),
  retries: z.number().int().min(0).max(10).default(DEFAULT_POLL_TIMING.retries),
  offlineAfter: z.number().int().min(1).max(100).default(DEFAULT_POLL_TIMING.offlineAfter),
  forcedWindowMs: z.number().int().min(0).default(DEFAULT_POLL_TIMING.forcedWindowMs),
  startTimeoutMs: z.number().int().min(100).default(DEFAULT_POLL_TIMING.startTimeoutMs),
  offlinePollMs: z.number().int().min(20).max(600_000).default(DEFAULT_POLL_TIMING.offlinePollMs),
});

export function pollTimingOf(options: z.infer<typeof pollTimingOptions>): PollTiming {
  const { pollMs, replyTimeoutMs, retries, offlineAfter, forcedWindowMs, startTimeoutMs, offlinePollMs } = options;
  return { pollMs, replyTimeoutMs, retries, offlineAfter, forcedWindowMs, startTimeoutMs, offlinePollMs };
}

/** Parses `board.options` or throws an error naming the board and the bad key. */
export function parseBoardOptions<T extends z.ZodType>(board: SerialBoardConfig, driver: string, schema: T): z.infer<T> {
  const parsed = schema.safeParse(board.options ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `options.${i.path.join('.') || '?'}: ${i.message}`).join('; ');
  throw new Error(`board ${board.id} (${driver}): ${issues}`);
}

export function requirePort(board: SerialBoardConfig, driver: string): string {
  if (!board.port) throw new Error(`board ${board.id} (${driver}) needs "port", e.g. "/dev/serial/by-id/usb-FTDI_…-if00-port0"`);
  return board.port;
}

/** Two boards on one bus must not answer to the same address. */
export function assertUniqueBusAddresses(boards: readonly { id: string; portPath: string; address: number }[]): void {
  const seen = new Map<string, string>();
  for (const b of boards) {
    const key = `${b.portPath}#${b.address}`;
    const other = seen.get(key);
    if (other) throw new Error(`boards ${other} and ${b.id} both use address ${b.address} on ${b.portPath}; give each board its own DIP address`);
    seen.set(key, b.id);
  }
}

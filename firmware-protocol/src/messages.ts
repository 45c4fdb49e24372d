/** LWP/1 messages as plain data (see firmware-protocol/PROTOCOL.md). */

export const PROTOCOL_VERSION = 'LWP/1';
/** Longest line on the wire, `\n` included. */
export const MAX_LINE_BYTES = 128;
export const MAX_CHANNELS = 128;

export type DoorChange = 'opened' | 'closed' | 'forced';

export const ERROR_CODES = [
  'BADCRC',
  'TOOLONG',
  'BADSYNTAX',
  'UNKNOWN',
  'BADCHAN',
  'BADARG',
  'BUSY',
  'VERSION',
  'OPREUSE',
  'BOOT',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** What a board says about itself, in a HELLO reply and in a RESET event. */
export interface BoardIdentity {
  version: string;
  firmware: string;
  channels: number;
  boardId: string;
  bootId: string;
}

export type Command =
  | { verb: 'HELLO'; version: string }
  | { verb: 'PING' }
  /** bootId: the boot the controller handshook with; a board that has restarted since refuses (ERR BOOT). */
  | { verb: 'OPEN'; channel: number; op: string; pulseMs: number; bootId: string }
  | { verb: 'STATUS' };

export type Reply =
  | ({ kind: 'HELLO' } & BoardIdentity)
  | { kind: 'PONG' }
  | { kind: 'OPENED'; channel: number; op: string; duplicate: boolean }
  | { kind: 'STATUS'; channels: number; locked: boolean[]; doorOpen: boolean[] }
  | { kind: 'ERR'; code: ErrorCode; detail?: string };

export type BoardEvent = { kind: 'DOOR'; channel: number; change: DoorChange } | ({ kind: 'RESET' } & BoardIdentity);

export type LwpMessage =
  | { type: 'command'; seq: number; command: Command }
  /** seq null: the board could not read the seq of the line it answers (`R?`). */
  | { type: 'reply'; seq: number | null; reply: Reply }
  | { type: 'event'; seq: number; event: BoardEvent }
  | { type: 'ack'; seq: number };

/** Why a received line was not a message. */
export type LineErrorKind = 'too-long' | 'bad-crc' | 'bad-char' | 'bad-syntax' | 'unknown-verb';

export interface LineError {
  error: LineErrorKind;
  /** the seq when it could still be read (a command with an unknown verb or bad arguments). */
  seq?: number;
  /** the line as received, for logs (possibly cut). */
  line: string;
}

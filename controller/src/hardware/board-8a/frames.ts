import type { ReplyScan } from '../serial-link.ts';

/**
 * Frames of the common "0x8A" lock boards (9600 8N1; every frame ends with the XOR of all bytes
 * before it — for the 5-byte frames that is the XOR of the first four bytes):
 *   open      8A BB LL 11 X   → reply 8A BB LL SS X      (LL 00 = every lock)
 *   query     80 BB LL 33 X   → reply 80 BB LL SS X
 *   query all 80 BB 00 33 X   → reply 80 BB S1 … Sn 33 X  (n status bytes, usually 3 for up to 24 locks)
 *   hold on / off (keep a lock energised)  9A / 9B BB LL 11 X
 * SS is 0x11 or 0x00, S1…Sn are bitmaps with bit 0 of S1 = lock 1 (byte order configurable); what a
 * set bit / 0x11 means (open or closed) differs between boards: see `FeedbackPolarity`.
 */

export const HEAD_OPEN = 0x8a;
export const HEAD_QUERY = 0x80;
export const HEAD_HOLD_ON = 0x9a;
export const HEAD_HOLD_OFF = 0x9b;
export const FN_OPEN = 0x11;
export const FN_QUERY = 0x33;
export const STATE_HIGH = 0x11;
export const STATE_LOW = 0x00;
const SHORT_FRAME = 5;
/** the longest query-all reply we know of carries 7 status bytes (56 locks). */
export const MAX_STATUS_BYTES = 7;

export type FeedbackPolarity = 'open-high' | 'closed-high';
export type StatusByteOrder = 'ascending' | 'descending';

export function xor(bytes: Uint8Array): number {
  let x = 0;
  for (const b of bytes) x ^= b;
  return x;
}

function withXor(body: number[]): Buffer {
  return Buffer.from([...body, xor(Uint8Array.from(body))]);
}

function checkByte(what: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 255) throw new RangeError(`${what} must be 0-255, got ${value}`);
}

/** `lock` 1-255 opens one lock, 0 opens every lock of the board. */
export function encodeOpen(board: number, lock: number): Buffer {
  checkByte('board', board);
  checkByte('lock', lock);
  return withXor([HEAD_OPEN, board, lock, FN_OPEN]);
}

export function encodeQuery(board: number, lock: number): Buffer {
  checkByte('board', board);
  checkByte('lock', lock);
  return withXor([HEAD_QUERY, board, lock, FN_QUERY]);
}

export function encodeQueryAll(board: number): Buffer {
  return encodeQuery(board, 0);
}

export function encodeHold(board: number, lock: number, on: boolean): Buffer {
  checkByte('board', board);
  checkByte('lock', lock);
  return withXor([on ? HEAD_HOLD_ON : HEAD_HOLD_OFF, board, lock, FN_OPEN]);
}

export interface ShortFrame {
  head: number;
  board: number;
  lock: number;
  /** 0x11 / 0x00 in replies, 0x11 / 0x33 in commands. */
  value: number;
}

export function encodeShortFrame(frame: ShortFrame): Buffer {
  return withXor([frame.head, frame.board, frame.lock, frame.value]);
}

/** Decodes a checksum-verified 5-byte frame; undefined for anything else. */
export function decodeShortFrame(bytes: Uint8Array): ShortFrame | undefined {
  if (bytes.length !== SHORT_FRAME || xor(bytes.subarray(0, 4)) !== bytes[4]) return undefined;
  const [head, board, lock, value] = bytes as unknown as [number, number, number, number];
  if (head !== HEAD_OPEN && head !== HEAD_QUERY && head !== HEAD_HOLD_ON && head !== HEAD_HOLD_OFF) return undefined;
  return { head, board, lock, value };
}

export function encodeQueryAllReply(board: number, statusBytes: number[]): Buffer {
  return withXor([HEAD_QUERY, board, ...statusBytes, FN_QUERY]);
}

/** The status bytes of a checksum-verified query-all reply; undefined for anything else. */
export function decodeQueryAllReply(bytes: Uint8Array, board: number): number[] | undefined {
  const n = bytes.length - 4;
  if (n < 1 || bytes[0] !== HEAD_QUERY || bytes[1] !== board || bytes[bytes.length - 2] !== FN_QUERY) return undefined;
  if (xor(bytes.subarray(0, bytes.length - 1)) !== bytes[bytes.length - 1]) return undefined;
  return [...bytes.subarray(2, 2 + n)];
}

/** Is the lock / door open, given the board's feedback polarity and a reported "high" (0x11 or bit set)? */
export function isOpen(high: boolean, polarity: FeedbackPolarity): boolean {
  return polarity === 'open-high' ? high : !high;
}

/** `high[i]` for lock i + 1 from the status bytes of a query-all reply. */
export function bitsOf(statusBytes: number[], locks: number, order: StatusByteOrder): Array<boolean | undefined> {
  const ordered = order === 'ascending' ? statusBytes : [...statusBytes].reverse();
  return Array.from({ length: locks }, (_, i) => {
    const byte = ordered[Math.floor(i / 8)];
    return byte === undefined ? undefined : ((byte >> (i % 8)) & 1) === 1;
  });
}

export function bytesOf(high: boolean[], byteCount: number, order: StatusByteOrder): number[] {
  const bytes = Array.from({ length: byteCount }, (_, b) => {
    let byte = 0;
    for (let i = 0; i < 8; i++) if (high[b * 8 + i]) byte |= 1 << i;
    return byte;
  });
  return order === 'ascending' ? bytes : bytes.reverse();
}

/**
 * Scanner for the 5-byte reply `head BB LL SS X` to an open or a single query. Our own echoed
 * query (SS = 0x33) is skipped; an echoed open cannot be told from the board's reply.
 */
export function shortReplyScanner(head: number, board: number, lock: number): (received: Buffer) => ReplyScan {
  return (received) => {
    if (received[0] !== head) return { kind: 'skip', length: 1 };
    if (received.length < SHORT_FRAME) return { kind: 'partial' };
    const frame = decodeShortFrame(received.subarray(0, SHORT_FRAME));
    if (!frame) return received[1] === board && received[2] === lock ? { kind: 'corrupt', length: SHORT_FRAME } : { kind: 'skip', length: 1 };
    if (frame.board !== board || frame.lock !== lock || frame.value === FN_QUERY) return { kind: 'skip', length: SHORT_FRAME };
    return { kind: 'frame', length: SHORT_FRAME };
  };
}

/**
 * Scanner for `80 BB S1…Sn 33 X`. The length is not announced, so the reply ends at the first
 * `33 X` with a matching XOR after at least `minBytes` status bytes; it is corrupt when
 * `expectedBytes` status bytes and the `33` have arrived but the XOR is wrong. The exact echo of
 * our request is skipped.
 */
export function queryAllReplyScanner(board: number, minBytes: number, expectedBytes: number): (received: Buffer) => ReplyScan {
  const echo = encodeQueryAll(board);
  return (received) => {
    if (received[0] !== HEAD_QUERY) return { kind: 'skip', length: 1 };
    if (received.length >= 2 && received[1] !== board) return { kind: 'skip', length: 1 };
    if (received.length >= SHORT_FRAME && received.subarray(0, SHORT_FRAME).equals(echo)) return { kind: 'skip', length: SHORT_FRAME };
    for (let n = Math.max(1, minBytes); n <= MAX_STATUS_BYTES; n++) {
      const end = 2 + n; // index of the 0x33
      if (received.length < end + 2) return { kind: 'partial' };
      if (received[end] !== FN_QUERY) continue;
      if (xor(received.subarray(0, end + 1)) === received[end + 1]) return { kind: 'frame', length: end + 2 };
      if (n === expectedBytes) return { kind: 'corrupt', length: end + 2 };
    }
    return { kind: 'skip', length: 1 };
  };
}

/** Splits a byte stream into 5-byte command frames (board side); counts corrupt ones. */
export function splitCommands(received: Buffer): { frames: ShortFrame[]; corrupt: number; rest: Buffer } {
  const frames: ShortFrame[] = [];
  let corrupt = 0;
  let rest = received;
  const heads = [HEAD_OPEN, HEAD_QUERY, HEAD_HOLD_ON, HEAD_HOLD_OFF];
  while (rest.length > 0) {
    if (!heads.includes(rest[0]!)) {
      rest = rest.subarray(1);
      continue;
    }
    if (rest.length < SHORT_FRAME) break;
    const frame = decodeShortFrame(rest.subarray(0, SHORT_FRAME));
    if (frame) {
      frames.push(frame);
      rest = rest.subarray(SHORT_FRAME);
    } else {
      corrupt += 1;
      rest = rest.subarray(1);
    }
  }
  return { frames, corrupt, rest: Buffer.from(rest) };
}

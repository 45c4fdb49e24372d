import type { ReplyScan } from '../serial-link.ts';

/**
 * Kerong KR-CU16 frames (RS-485, 19200 8N1): `02 ADDR CMD 03 SUM`, SUM = low byte of the sum of
 * every byte from the 02 up to and including the 03. ADDR = board address << 4 | lock (0-15).
 *
 * Status reply `02 ADDR 35 H1 H2 I1 I2 03 SUM`. Bit order, worked out from the vendor example
 * "02 00 35 FE FF 00 00 03 37" = lock 1 (lock 0 on the wire, our channel 1) open:
 *   H1 bit 0 = lock 0 … H1 bit 7 = lock 7, H2 bit 0 = lock 8 … H2 bit 7 = lock 15 (LSB first);
 *   a set H bit = latch hooked (locked, door shut); a clear bit = latch released (door open).
 *   I1/I2 use the same order; a set I bit = the infrared sensor sees an item.
 */

export const STX = 0x02;
export const ETX = 0x03;
export const CMD_STATUS = 0x30;
export const CMD_UNLOCK = 0x31;
export const CMD_UNLOCK_ALL = 0x33;
export const REPLY_STATUS = 0x35;
export const LOCKS_PER_BOARD = 16;
const COMMAND_LENGTH = 5;
const STATUS_REPLY_LENGTH = 9;

export interface KerongStatus {
  board: number;
  /** index 0 = lock 0 (channel 1); true = latch hooked. */
  hooked: boolean[];
  /** index 0 = lock 0 (channel 1); true = item seen by the infrared sensor. */
  itemPresent: boolean[];
}

export function checksum(bytes: Uint8Array): number {
  let sum = 0;
  for (const b of bytes) sum += b;
  return sum & 0xff;
}

function frame(body: number[]): Buffer {
  return Buffer.from([...body, checksum(Uint8Array.from(body))]);
}

function checkBoard(board: number): void {
  if (!Number.isInteger(board) || board < 0 || board > 15) throw new RangeError(`Kerong board address must be 0-15, got ${board}`);
}

export function encodeStatusRequest(board: number): Buffer {
  checkBoard(board);
  return frame([STX, board << 4, CMD_STATUS, ETX]);
}

/** `lock` is 0-15 as on the wire (channel - 1). */
export function encodeUnlock(board: number, lock: number): Buffer {
  checkBoard(board);
  if (!Number.isInteger(lock) || lock < 0 || lock >= LOCKS_PER_BOARD) throw new RangeError(`Kerong lock must be 0-15, got ${lock}`);
  return frame([STX, (board << 4) | lock, CMD_UNLOCK, ETX]);
}

export function encodeStatusReply(status: KerongStatus): Buffer {
  checkBoard(status.board);
  const bits = (flags: boolean[], from: number) => {
    let byte = 0;
    for (let i = 0; i < 8; i++) if (flags[from + i]) byte |= 1 << i;
    return byte;
  };
  return frame([STX, status.board << 4, REPLY_STATUS, bits(status.hooked, 0), bits(status.hooked, 8), bits(status.itemPresent, 0), bits(status.itemPresent, 8), ETX]);
}

/** Decodes a complete, checksum-verified status reply; undefined for anything else. */
export function decodeStatusReply(bytes: Uint8Array): KerongStatus | undefined {
  if (bytes.length !== STATUS_REPLY_LENGTH || bytes[0] !== STX || bytes[2] !== REPLY_STATUS || bytes[7] !== ETX) return undefined;
  if (checksum(bytes.subarray(0, 8)) !== bytes[8]) return undefined;
  const flags = (lo: number, hi: number) => Array.from({ length: LOCKS_PER_BOARD }, (_, i) => (((i < 8 ? lo : hi) >> (i % 8)) & 1) === 1);
  return { board: (bytes[1] ?? 0) >> 4, hooked: flags(bytes[3] ?? 0, bytes[4] ?? 0), itemPresent: flags(bytes[5] ?? 0, bytes[6] ?? 0) };
}

/** A decoded command frame (what a board, or our emulator, receives). */
export interface KerongCommand {
  board: number;
  lock: number;
  command: number;
}

export function decodeCommand(bytes: Uint8Array): KerongCommand | undefined {
  if (bytes.length !== COMMAND_LENGTH || bytes[0] !== STX || bytes[3] !== ETX) return undefined;
  if (checksum(bytes.subarray(0, 4)) !== bytes[4]) return undefined;
  const addr = bytes[1] ?? 0;
  return { board: addr >> 4, lock: addr & 0x0f, command: bytes[2] ?? 0 };
}

/** Length a frame starting at offset 0 will have, judging by its command byte. */
function expectedLength(received: Uint8Array): number | undefined {
  if (received.length < 3) return undefined;
  return received[2] === REPLY_STATUS ? STATUS_REPLY_LENGTH : COMMAND_LENGTH;
}

/**
 * Reply scanner for the status reply of `board`: skips noise, our own echoed commands (some
 * RS-485 adapters echo) and other boards' replies; flags a reply that fails its checksum.
 */
export function statusReplyScanner(board: number): (received: Buffer) => ReplyScan {
  return (received) => {
    if (received[0] !== STX) return { kind: 'skip', length: 1 };
    const length = expectedLength(received);
    if (length === undefined || received.length < length) return { kind: 'partial' };
    const candidate = received.subarray(0, length);
    if (length === COMMAND_LENGTH) return { kind: 'skip', length: decodeCommand(candidate) ? length : 1 };
    const status = decodeStatusReply(candidate);
    if (!status) return candidate[7] === ETX ? { kind: 'corrupt', length } : { kind: 'skip', length: 1 };
    return status.board === board ? { kind: 'frame', length } : { kind: 'skip', length };
  };
}

/** Splits a byte stream into command frames (emulator side); returns frames and leftover bytes. */
export function splitCommands(received: Buffer): { frames: Buffer[]; corrupt: number; rest: Buffer } {
  const frames: Buffer[] = [];
  let corrupt = 0;
  let rest = received;
  while (rest.length > 0) {
    if (rest[0] !== STX) {
      rest = rest.subarray(1);
      continue;
    }
    if (rest.length < COMMAND_LENGTH) break;
    const candidate = rest.subarray(0, COMMAND_LENGTH);
    if (decodeCommand(candidate)) {
      frames.push(Buffer.from(candidate));
      rest = rest.subarray(COMMAND_LENGTH);
    } else {
      if (candidate[3] === ETX) corrupt += 1;
      rest = rest.subarray(1);
    }
  }
  return { frames, corrupt, rest: Buffer.from(rest) };
}

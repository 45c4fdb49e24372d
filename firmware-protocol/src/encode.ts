import { crcHex } from './crc16.ts';
import { MAX_LINE_BYTES, type BoardEvent, type BoardIdentity, type Command, type LwpMessage, type Reply } from './messages.ts';

/** Channel flags as hex digits, channel 1 in the lowest bit of the last digit: 12 channels -> 3 digits. */
export function encodeMask(flags: readonly boolean[]): string {
  const digits = Math.max(1, Math.ceil(flags.length / 4));
  let out = '';
  for (let d = digits - 1; d >= 0; d--) {
    let v = 0;
    for (let b = 0; b < 4; b++) if (flags[d * 4 + b]) v |= 1 << b;
    out += v.toString(16).toUpperCase();
  }
  return out;
}

/** The inverse of encodeMask for `channels` channels; null when the digit count or a digit is wrong. */
export function decodeMask(hex: string, channels: number): boolean[] | null {
  if (hex.length !== Math.max(1, Math.ceil(channels / 4)) || !/^[0-9A-F]+$/.test(hex)) return null;
  const flags: boolean[] = [];
  for (let ch = 0; ch < channels; ch++) {
    const digit = parseInt(hex[hex.length - 1 - Math.floor(ch / 4)]!, 16);
    flags.push(((digit >> ch % 4) & 1) === 1);
  }
  // bits above the channel count must be clear, so each status has exactly one spelling
  for (let ch = channels; ch < hex.length * 4; ch++) {
    const digit = parseInt(hex[hex.length - 1 - Math.floor(ch / 4)]!, 16);
    if ((digit >> ch % 4) & 1) return null;
  }
  return flags;
}

function identity(i: BoardIdentity): string {
  return `${i.version} fw=${i.firmware} ch=${i.channels} board=${i.boardId} boot=${i.bootId}`;
}

function commandBody(c: Command): string {
  switch (c.verb) {
    case 'HELLO':
      return `HELLO ${c.version}`;
    case 'PING':
      return 'PING';
    case 'STATUS':
      return 'STATUS';
    case 'OPEN':
      return `OPEN ${c.channel} op=${c.op} pulse=${c.pulseMs} boot=${c.bootId}`;
  }
}

function replyBody(r: Reply): string {
  switch (r.kind) {
    case 'HELLO':
      return `HELLO ${identity(r)}`;
    case 'PONG':
      return 'PONG';
    case 'OPENED':
      return `OPENED ${r.channel} op=${r.op}${r.duplicate ? ' dup' : ''}`;
    case 'STATUS':
      return `STATUS ch=${r.channels} locked=${encodeMask(r.locked)} open=${encodeMask(r.doorOpen)}`;
    case 'ERR':
      return `ERR ${r.code}${r.detail ? ` ${r.detail}` : ''}`;
  }
}

function eventBody(e: BoardEvent): string {
  return e.kind === 'DOOR' ? `DOOR ${e.channel} ${e.change}` : `RESET ${identity(e)}`;
}

/** The line body (everything before `*`). */
export function encodeBody(m: LwpMessage): string {
  switch (m.type) {
    case 'command':
      return `C${m.seq} ${commandBody(m.command)}`;
    case 'reply':
      return `R${m.seq ?? '?'} ${replyBody(m.reply)}`;
    case 'event':
      return `E${m.seq} ${eventBody(m.event)}`;
    case 'ack':
      return `A${m.seq}`;
  }
}

/** Adds `*CRC\n` to a body. Throws when the line would exceed 128 bytes: a caller bug, never wire input. */
export function frameBody(body: string): string {
  const line = `${body}*${crcHex(body)}\n`;
  if (Buffer.byteLength(line, 'latin1') > MAX_LINE_BYTES) throw new RangeError(`LWP line longer than ${MAX_LINE_BYTES} bytes: ${body}`);
  return line;
}

/** One complete wire line, `\n` included. */
export function encodeLine(m: LwpMessage): string {
  return frameBody(encodeBody(m));
}

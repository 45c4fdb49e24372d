import { crcHex } from './crc16.ts';
import { decodeMask } from './encode.ts';
import {
  ERROR_CODES,
  MAX_CHANNELS,
  MAX_LINE_BYTES,
  type BoardIdentity,
  type Command,
  type ErrorCode,
  type LineError,
  type LwpMessage,
  type Reply,
} from './messages.ts';

const NUM = '(0|[1-9][0-9]{0,4})';
const IDENTITY = `(LWP/[0-9]{1,3}) fw=([A-Za-z0-9._+-]{1,16}) ch=${NUM} board=([A-Za-z0-9_-]{1,16}) boot=([0-9A-F]{1,8})`;
const OP = '([A-Za-z0-9_-]{1,32})';

const re = (s: string) => new RegExp(`^${s}$`);
const COMMAND = re(`C${NUM} ([A-Z]+)(?: (.*))?`);
const REPLY = re(`R(${NUM.slice(1, -1)}|\\?) ([A-Z]+)(?: (.*))?`);
const EVENT = re(`E${NUM} ([A-Z]+)(?: (.*))?`);
const ACK = re(`A${NUM}`);

const BOOT = '([0-9A-F]{1,8})';
const OPEN_ARGS = re(`${NUM} op=${OP} pulse=${NUM} boot=${BOOT}`);
const IDENTITY_ARGS = re(IDENTITY);
const OPENED_ARGS = re(`${NUM} op=${OP}( dup)?`);
const STATUS_ARGS = re(`ch=${NUM} locked=([0-9A-F]{1,32}) open=([0-9A-F]{1,32})`);
const ERR_ARGS = re(`([A-Z]{1,12})(?: ([\\x20-\\x29\\x2B-\\x7E]{1,100}))?`);
const DOOR_ARGS = re(`${NUM} (opened|closed|forced)`);

type Parsed<T> = T | 'bad-syntax' | 'unknown-verb';

function num(s: string | undefined): number | null {
  if (s === undefined) return null;
  const n = Number(s);
  return n <= 65535 ? n : null;
}
const channelOk = (n: number | null): n is number => n !== null && n >= 1 && n <= MAX_CHANNELS;

function identity(args: string | undefined): BoardIdentity | null {
  const m = IDENTITY_ARGS.exec(args ?? '');
  if (!m) return null;
  const channels = num(m[3]);
  if (!channelOk(channels)) return null;
  return { version: m[1]!, firmware: m[2]!, channels, boardId: m[4]!, bootId: m[5]! };
}

function command(verb: string, args: string | undefined): Parsed<Command> {
  switch (verb) {
    case 'HELLO':
      return args && /^LWP\/[0-9]{1,3}$/.test(args) ? { verb, version: args } : 'bad-syntax';
    case 'PING':
    case 'STATUS':
      return args === undefined ? { verb } : 'bad-syntax';
    case 'OPEN': {
      const m = OPEN_ARGS.exec(args ?? '');
      const channel = num(m?.[1]);
      const pulseMs = num(m?.[3]);
      if (!m || !channelOk(channel) || pulseMs === null || pulseMs < 1) return 'bad-syntax';
      return { verb, channel, op: m[2]!, pulseMs, bootId: m[4]! };
    }
    default:
      return 'unknown-verb';
  }
}

function reply(kind: string, args: string | undefined): Parsed<Reply> {
  switch (kind) {
    case 'HELLO': {
      const id = identity(args);
      return id ? { kind, ...id } : 'bad-syntax';
    }
    case 'PONG':
      return args === undefined ? { kind } : 'bad-syntax';
    case 'OPENED': {
      const m = OPENED_ARGS.exec(args ?? '');
      const channel = num(m?.[1]);
      return m && channelOk(channel) ? { kind, channel, op: m[2]!, duplicate: m[3] !== undefined } : 'bad-syntax';
    }
    case 'STATUS': {
      const m = STATUS_ARGS.exec(args ?? '');
      const channels = num(m?.[1]);
      if (!m || !channelOk(channels)) return 'bad-syntax';
      const locked = decodeMask(m[2]!, channels);
      const doorOpen = decodeMask(m[3]!, channels);
      return locked && doorOpen ? { kind, channels, locked, doorOpen } : 'bad-syntax';
    }
    case 'ERR': {
      const m = ERR_ARGS.exec(args ?? '');
      if (!m || !(ERROR_CODES as readonly string[]).includes(m[1]!)) return 'bad-syntax';
      return m[2] === undefined ? { kind, code: m[1] as ErrorCode } : { kind, code: m[1] as ErrorCode, detail: m[2] };
    }
    default:
      return 'unknown-verb';
  }
}

function body(b: string): LwpMessage | Omit<LineError, 'line'> {
  let m: RegExpExecArray | null;
  if ((m = COMMAND.exec(b))) {
    const seq = num(m[1]);
    if (seq === null) return { error: 'bad-syntax' };
    const c = command(m[2]!, m[3]);
    return typeof c === 'string' ? { error: c, seq } : { type: 'command', seq, command: c };
  }
  if ((m = REPLY.exec(b))) {
    const seq = m[1] === '?' ? null : num(m[1]);
    if (seq === null && m[1] !== '?') return { error: 'bad-syntax' };
    const r = reply(m[2]!, m[3]);
    return typeof r === 'string' ? { error: r } : { type: 'reply', seq, reply: r };
  }
  if ((m = EVENT.exec(b))) {
    const seq = num(m[1]);
    if (seq === null) return { error: 'bad-syntax' };
    if (m[2] === 'DOOR') {
      const d = DOOR_ARGS.exec(m[3] ?? '');
      const channel = num(d?.[1]);
      if (!d || !channelOk(channel)) return { error: 'bad-syntax' };
      return { type: 'event', seq, event: { kind: 'DOOR', channel, change: d[2] as 'opened' } };
    }
    if (m[2] === 'RESET') {
      const id = identity(m[3]);
      return id ? { type: 'event', seq, event: { kind: 'RESET', ...id } } : { error: 'bad-syntax' };
    }
    return { error: 'unknown-verb' };
  }
  if ((m = ACK.exec(b))) {
    const seq = num(m[1]);
    return seq === null ? { error: 'bad-syntax' } : { type: 'ack', seq };
  }
  return { error: 'bad-syntax' };
}

/**
 * Parses one line without its `\n` (a trailing `\r` is tolerated). Never throws.
 * Returns null for an empty line, which LWP/1 ignores.
 */
export function parseLine(raw: string): LwpMessage | LineError | null {
  const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  if (line.length === 0) return null;
  const shown = line.length > 140 ? `${line.slice(0, 140)}…` : line;
  if (line.length + 1 > MAX_LINE_BYTES) return { error: 'too-long', line: shown };
  if (!/^[\x20-\x7E]*$/.test(line)) return { error: 'bad-char', line: shown };
  const star = line.lastIndexOf('*');
  if (star < 0 || !/^[0-9A-F]{4}$/.test(line.slice(star + 1))) return { error: 'bad-crc', line: shown };
  const b = line.slice(0, star);
  if (crcHex(b) !== line.slice(star + 1)) return { error: 'bad-crc', line: shown };
  const parsed = body(b);
  return 'error' in parsed ? { ...parsed, line: shown } : parsed;
}

export function isLineError(x: LwpMessage | LineError): x is LineError {
  return 'error' in x;
}

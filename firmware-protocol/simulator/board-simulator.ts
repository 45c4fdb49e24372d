import { appendFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { LineDecoder } from '../src/line-decoder.ts';
import { encodeLine } from '../src/encode.ts';
import { isLineError } from '../src/parse.ts';
import {
  PROTOCOL_VERSION,
  type BoardEvent,
  type BoardIdentity,
  type Command,
  type DoorChange,
  type LwpMessage,
  type Reply,
} from '../src/messages.ts';

export interface BoardSimulatorOptions {
  boardId: string;
  channels: number;
  firmware?: string;
  /** boot id of the first boot (later boots draw a random one); fixed ids make transcripts reproducible. */
  bootId?: string;
  /** how many recent operation ids the board remembers (default 16). */
  opMemory?: number;
  /** resend unacknowledged events this often (default 1000 ms). */
  eventResendMs?: number;
  /** close a door by itself this long after a commanded open; 0 leaves it to closeDoor(). */
  autoCloseMs?: number;
  /** append every lock pulse as a JSON line to this file. */
  pulseLog?: string;
  /** the wire out of the board. */
  transmit: (bytes: Buffer) => void;
  /** told of every lock pulse as it starts. */
  onPulse?: (pulse: PulseRecord) => void;
}

/** Misbehaviour to inject; counters count down as they fire. */
export interface Faults {
  /** swallow the next N commands without any effect or answer. */
  dropCommands: number;
  /** execute the next N commands but lose their replies. */
  dropReplies: number;
  /** flip one byte in each of the next N lines the board hears (noise on the way in). */
  corruptIncoming: number;
  /** flip one byte in each of the next N replies. */
  corruptReplies: number;
  /** hold replies this long: the next `delayReplies` of them, or every one while delayReplies is 0. */
  delayMs: number;
  delayReplies: number;
  /** send replies one byte at a time. */
  byteByByte: boolean;
  /** reboot when the next command with this verb arrives, before executing it ('after' executes it first). */
  resetOn: { verb: Command['verb'] | 'any'; when: 'before' | 'after' } | null;
  /** lose the next N acknowledgements from the controller (the events stay queued and are resent). */
  ignoreAcks: number;
  /** do not transmit the next N new events (they stay queued and are resent on schedule). */
  dropEvents: number;
  /** hear nothing, say nothing (a hung board). */
  silent: boolean;
}

export interface PulseRecord {
  boardId: string;
  channel: number;
  op: string;
  pulseMs: number;
  at: string;
}

const NO_FAULTS: Faults = {
  dropCommands: 0,
  dropReplies: 0,
  corruptReplies: 0,
  corruptIncoming: 0,
  delayMs: 0,
  delayReplies: 0,
  byteByByte: false,
  resetOn: null,
  dropEvents: 0,
  ignoreAcks: 0,
  silent: false,
};
const MIN_PULSE_MS = 20;
const MAX_PULSE_MS = 5000;
const MAX_UNACKED_EVENTS = 16;
/** a door that opens this soon after its pulse ended was opened by the pulse, not forced. */
const OPENED_GRACE_MS = 2000;

interface Channel {
  doorOpen: boolean;
  pulseUntil: number;
  armedUntil: number;
  autoCloseAt: number;
}

/**
 * An LWP/1 lock board in software, transport-agnostic: bytes in through `receive()`, bytes out
 * through `transmit`, time through `poll(now)` (like the firmware's loop()). The hooks closeDoor /
 * forceDoor are a hand on the door; `pulses` is what the lock coils physically did.
 */
export class BoardSimulator {
  readonly pulses: PulseRecord[] = [];
  /** the last 1000 well-formed lines the board heard (commands and acks), oldest first. */
  readonly heard: LwpMessage[] = [];
  faults: Faults = { ...NO_FAULTS };
  boots = 0;
  private identity!: BoardIdentity;
  private decoder = new LineDecoder();
  private channels: Channel[] = [];
  private ops: { op: string; channel: number }[] = [];
  private events: { seq: number; line: string }[] = [];
  private nextEventSeq = 1;
  private lastResend = 0;
  private delayed: { at: number; line: string }[] = [];
  private readonly opts: Required<Omit<BoardSimulatorOptions, 'pulseLog' | 'bootId' | 'onPulse'>> &
    Pick<BoardSimulatorOptions, 'pulseLog' | 'bootId' | 'onPulse'>;
  private now = 0;

  constructor(options: BoardSimulatorOptions) {
    this.opts = { firmware: 'sim-1.0.0', opMemory: 16, eventResendMs: 1000, autoCloseMs: 0, ...options };
    this.channels = Array.from({ length: options.channels }, () => ({ doorOpen: false, pulseUntil: 0, armedUntil: 0, autoCloseAt: 0 }));
  }

  get boardId(): string {
    return this.opts.boardId;
  }

  get bootId(): string {
    return this.identity.bootId;
  }

  /** Power on (or power-cycle): volatile memory is lost, doors stay where they are, a RESET event is announced. */
  boot(now = Date.now(), bootId?: string): void {
    this.now = now;
    this.boots++;
    bootId ??= this.boots === 1 && this.opts.bootId ? this.opts.bootId : randomBytes(2).toString('hex').toUpperCase();
    this.identity = { version: PROTOCOL_VERSION, firmware: this.opts.firmware, channels: this.channels.length, boardId: this.opts.boardId, bootId };
    this.decoder.reset();
    this.ops = [];
    this.events = [];
    this.delayed = [];
    this.nextEventSeq = 1;
    for (const c of this.channels) c.pulseUntil = c.armedUntil = c.autoCloseAt = 0;
    this.raise({ kind: 'RESET', ...this.identity });
  }

  setFaults(faults: Partial<Faults>): void {
    this.faults = { ...this.faults, ...faults };
  }

  clearFaults(): void {
    this.faults = { ...NO_FAULTS };
  }

  doorOpen(channel: number): boolean {
    return this.channel(channel).doorOpen;
  }

  /** A hand closes the door. */
  closeDoor(channel: number, now = Date.now()): void {
    this.now = now;
    const c = this.channel(channel);
    c.autoCloseAt = 0;
    if (!c.doorOpen) return;
    c.doorOpen = false;
    this.raise({ kind: 'DOOR', channel, change: 'closed' });
  }

  /** A door pulled open without a pulse (or swung open by one). */
  forceDoor(channel: number, now = Date.now()): void {
    this.now = now;
    const c = this.channel(channel);
    if (c.doorOpen) return;
    c.doorOpen = true;
    const change: DoorChange = c.armedUntil > 0 && now <= c.armedUntil ? 'opened' : 'forced';
    this.raise({ kind: 'DOOR', channel, change });
  }

  receive(chunk: Uint8Array, now = Date.now()): void {
    this.now = now;
    if (this.faults.silent) return;
    if (this.faults.corruptIncoming > 0) chunk = this.corruptLines(chunk);
    for (const decoded of this.decoder.push(chunk)) {
      if (isLineError(decoded)) {
        // a well-framed reply or event is an echo: a board never answers those, even malformed
        const framed = decoded.error === 'bad-syntax' || decoded.error === 'unknown-verb';
        if (framed && /^[RE]/.test(decoded.line)) continue;
        const code = { 'too-long': 'TOOLONG', 'bad-crc': 'BADCRC', 'bad-char': 'BADCRC', 'bad-syntax': 'BADSYNTAX', 'unknown-verb': 'UNKNOWN' } as const;
        this.reply(decoded.seq ?? null, { kind: 'ERR', code: code[decoded.error] });
      } else this.handle(decoded);
    }
  }

  /** Time passes: pulses end, doors auto-close, delayed replies go out, unacknowledged events are resent. */
  poll(now = Date.now()): void {
    this.now = now;
    this.channels.forEach((c, i) => {
      if (c.autoCloseAt && now >= c.autoCloseAt) this.closeDoor(i + 1, now);
    });
    const due = this.delayed.filter((d) => d.at <= now);
    this.delayed = this.delayed.filter((d) => d.at > now);
    for (const d of due) this.send(d.line);
    if (this.events.length && now - this.lastResend >= this.opts.eventResendMs) {
      this.lastResend = now;
      if (!this.faults.silent) for (const e of this.events) this.send(e.line);
    }
  }

  private handle(m: LwpMessage): void {
    this.heard.push(m);
    if (this.heard.length > 1000) this.heard.shift();
    if (m.type === 'ack') {
      if (this.faults.ignoreAcks > 0) {
        this.faults.ignoreAcks--;
        return;
      }
      this.events = this.events.filter((e) => e.seq !== m.seq);
      return;
    }
    if (m.type !== 'command') return; // a board ignores replies and events (an echoing line)
    if (this.faults.dropCommands > 0) {
      this.faults.dropCommands--;
      return;
    }
    const reset = this.faults.resetOn;
    const resetHere = reset && (reset.verb === 'any' || reset.verb === m.command.verb);
    if (resetHere && reset.when === 'before') {
      this.faults.resetOn = null;
      this.boot(this.now);
      return;
    }
    const after = this.execute(m.command);
    if (resetHere) {
      // the coil fired and the door swung, then the board died before answering
      if (after.swingOpen) this.forceDoor(after.swingOpen, this.now);
      this.faults.resetOn = null;
      this.boot(this.now);
      return;
    }
    this.reply(m.seq, after.reply);
    if (after.swingOpen) this.forceDoor(after.swingOpen, this.now);
  }

  private execute(c: Command): { reply: Reply; swingOpen?: number } {
    switch (c.verb) {
      case 'HELLO':
        return c.version === PROTOCOL_VERSION
          ? { reply: { kind: 'HELLO', ...this.identity } }
          : { reply: { kind: 'ERR', code: 'VERSION', detail: PROTOCOL_VERSION } };
      case 'PING':
        return { reply: { kind: 'PONG' } };
      case 'STATUS':
        return {
          reply: {
            kind: 'STATUS',
            channels: this.channels.length,
            locked: this.channels.map((ch) => !ch.doorOpen && this.now >= ch.pulseUntil),
            doorOpen: this.channels.map((ch) => ch.doorOpen),
          },
        };
      case 'OPEN':
        // a controller that has not seen this boot may be resending an OPEN the old boot executed
        if (c.bootId !== this.identity.bootId) return { reply: { kind: 'ERR', code: 'BOOT', detail: this.identity.bootId } };
        return this.open(c.channel, c.op, c.pulseMs);
    }
  }

  private open(channel: number, op: string, pulseMs: number): { reply: Reply; swingOpen?: number } {
    const earlier = this.ops.find((o) => o.op === op);
    if (earlier)
      return earlier.channel === channel
        ? { reply: { kind: 'OPENED', channel, op, duplicate: true } }
        : { reply: { kind: 'ERR', code: 'OPREUSE', detail: `op was for channel ${earlier.channel}` } };
    if (channel > this.channels.length) return { reply: { kind: 'ERR', code: 'BADCHAN' } };
    if (pulseMs < MIN_PULSE_MS || pulseMs > MAX_PULSE_MS) return { reply: { kind: 'ERR', code: 'BADARG', detail: 'pulse' } };
    // one coil at a time: the lock supply is sized for a single solenoid
    if (this.channels.some((ch) => this.now < ch.pulseUntil)) return { reply: { kind: 'ERR', code: 'BUSY' } };
    const c = this.channel(channel);
    c.pulseUntil = this.now + pulseMs;
    c.armedUntil = c.pulseUntil + OPENED_GRACE_MS;
    if (this.opts.autoCloseMs > 0) c.autoCloseAt = this.now + this.opts.autoCloseMs;
    this.ops.push({ op, channel });
    if (this.ops.length > this.opts.opMemory) this.ops.shift();
    const record: PulseRecord = { boardId: this.opts.boardId, channel, op, pulseMs, at: new Date(this.now).toISOString() };
    this.pulses.push(record);
    this.opts.onPulse?.(record);
    if (this.opts.pulseLog) appendFileSync(this.opts.pulseLog, `${JSON.stringify(record)}\n`);
    return { reply: { kind: 'OPENED', channel, op, duplicate: false }, swingOpen: channel };
  }

  /** Flips the first byte of each complete line in the chunk, while the fault lasts. */
  private corruptLines(chunk: Uint8Array): Uint8Array {
    const out = Buffer.from(chunk);
    let lineStart = true;
    for (let i = 0; i < out.length && this.faults.corruptIncoming > 0; i++) {
      if (lineStart && out[i] !== 0x0a) {
        out[i] = out[i] === 0x58 ? 0x59 : 0x58; // 'X' (or 'Y')
        this.faults.corruptIncoming--;
      }
      lineStart = out[i] === 0x0a;
    }
    return out;
  }

  private raise(event: BoardEvent): void {
    const seq = this.nextEventSeq;
    this.nextEventSeq = seq >= 65535 ? 1 : seq + 1;
    const line = encodeLine({ type: 'event', seq, event });
    this.events.push({ seq, line });
    // beyond this the oldest is dropped: the controller's STATUS re-read after reconnect covers it
    if (this.events.length > MAX_UNACKED_EVENTS) this.events.shift();
    this.lastResend = this.now;
    if (this.faults.dropEvents > 0) this.faults.dropEvents--;
    else if (!this.faults.silent) this.send(line);
  }

  private reply(seq: number | null, reply: Reply): void {
    if (this.faults.dropReplies > 0) {
      this.faults.dropReplies--;
      return;
    }
    let line = encodeLine({ type: 'reply', seq, reply });
    if (this.faults.corruptReplies > 0) {
      this.faults.corruptReplies--;
      const i = Math.max(1, Math.floor(line.length / 2));
      line = line.slice(0, i) + (line[i] === 'X' ? 'Y' : 'X') + line.slice(i + 1);
    }
    if (this.faults.delayMs > 0) {
      this.delayed.push({ at: this.now + this.faults.delayMs, line });
      if (this.faults.delayReplies > 0 && --this.faults.delayReplies === 0) this.faults.delayMs = 0;
    } else this.send(line);
  }

  private send(line: string): void {
    const bytes = Buffer.from(line, 'latin1');
    if (this.faults.byteByByte) for (const b of bytes) this.opts.transmit(Buffer.from([b]));
    else this.opts.transmit(bytes);
  }

  private channel(channel: number): Channel {
    const c = this.channels[channel - 1];
    if (!c) throw new RangeError(`board ${this.opts.boardId} has no channel ${channel}`);
    return c;
  }
}

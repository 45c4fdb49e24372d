import type { SerialPort } from 'serialport';
import { LineDecoder } from '../../../../firmware-protocol/src/line-decoder.ts';
import { encodeLine } from '../../../../firmware-protocol/src/encode.ts';
import type { BoardEvent, Command, Reply } from '../../../../firmware-protocol/src/messages.ts';

/** The board answered `R? ERR ...`: the command was mangled on the way; resend it now. */
export class MangledError extends Error {}
/** No reply with our seq within the timeout. */
export class ReplyTimeoutError extends Error {}

export interface LinkHandlers {
  event(seq: number, event: BoardEvent): void;
  /** any well-formed line arrived: the board is alive. */
  heard(): void;
  /** the port closed or failed; the link is dead. */
  lost(reason: string): void;
}

interface Pending {
  seq: number;
  resolve(reply: Reply): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * One open serial connection to an LWP/1 board: frames commands, matches replies to the one
 * outstanding command by seq, hands events up. Knows nothing of retries or door state.
 */
export class LwpLink {
  private readonly decoder = new LineDecoder();
  private pending: Pending | null = null;
  private dead = false;

  constructor(
    private readonly port: SerialPort,
    private readonly nextSeq: () => number,
    private readonly handlers: LinkHandlers,
  ) {
    port.on('data', (chunk: Buffer) => this.receive(chunk));
    port.on('close', () => this.die('serial port closed'));
    port.on('error', (err: Error) => this.die(`serial port error: ${err.message}`));
  }

  get alive(): boolean {
    return !this.dead && this.port.isOpen;
  }

  /** Sends a lone LF so the board drops whatever half line it holds. */
  flush(): void {
    this.write('\n');
  }

  /** One try: resolves with the reply carrying this command's seq, rejects on timeout or a mangled line. */
  request(command: Command, timeoutMs: number): Promise<Reply> {
    if (!this.alive) return Promise.reject(new Error('link is closed'));
    if (this.pending) return Promise.reject(new Error('LwpLink: one command at a time'));
    const seq = this.nextSeq();
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.pending?.seq === seq) this.pending = null;
        reject(new ReplyTimeoutError(`no reply to ${command.verb} (seq ${seq}) within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending = { seq, resolve, reject, timer };
      this.write(encodeLine({ type: 'command', seq, command }));
    });
  }

  ack(seq: number): void {
    this.write(encodeLine({ type: 'ack', seq }));
  }

  /** Fails the outstanding command (if any) with `err`. */
  abort(err: Error): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    clearTimeout(p.timer);
    p.reject(err);
  }

  async close(): Promise<void> {
    this.dead = true;
    this.abort(new Error('link closed'));
    if (this.port.isOpen) await new Promise<void>((resolve) => this.port.close(() => resolve()));
  }

  private write(text: string): void {
    if (!this.alive) return;
    this.port.write(Buffer.from(text, 'latin1'), (err) => {
      if (err) this.die(`write failed: ${err.message}`);
    });
  }

  private receive(chunk: Buffer): void {
    for (const m of this.decoder.push(chunk)) {
      if ('error' in m) continue; // noise on the line; a mangled reply shows up as a timeout and a resend
      this.handlers.heard();
      if (m.type === 'event') this.handlers.event(m.seq, m.event);
      else if (m.type === 'reply') this.settle(m.seq, m.reply);
    }
  }

  private settle(seq: number | null, reply: Reply): void {
    const p = this.pending;
    if (!p) return;
    if (seq === null) {
      if (reply.kind === 'ERR') this.abort(new MangledError(`board could not read the command (${reply.code})`));
      return;
    }
    if (seq !== p.seq) return; // a late answer to an earlier try: never taken for this one
    this.pending = null;
    clearTimeout(p.timer);
    p.resolve(reply);
  }

  private die(reason: string): void {
    if (this.dead) return;
    this.dead = true;
    this.handlers.lost(reason);
  }
}

import { SerialPort } from 'serialport';
import { PROTOCOL_VERSION, type BoardEvent, type Command, type Reply } from '../../../../firmware-protocol/src/messages.ts';
import { BoardListeners } from '../listeners.ts';
import {
  BoardError,
  type ChannelState,
  type DoorEventKind,
  type LockBoard,
  type LockBoardListener,
  type OpenResult,
} from '../lock-board.ts';
import { DoorLedger } from './door-ledger.ts';
import { LwpLink, MangledError, ReplyTimeoutError } from './lwp-link.ts';
import { opToken } from './op-token.ts';

export interface LwpBoardOptions {
  /** board id in the controller's config (doors[].board). */
  id: string;
  /** channels the config uses; the board must have at least this many. */
  channels: number;
  /** serial device, e.g. /dev/serial/by-id/usb-...-if00-port0 (opened as given, never looked up). */
  path: string;
  baudRate?: number;
  /** the id flashed into the board's firmware; defaults to `id`. A mismatch (swapped cables) is refused. */
  boardId?: string;
  /** wait this long for each reply (default 300 ms + two 128-byte lines of wire time). */
  replyTimeoutMs?: number;
  /** tries per command, the first included (default 3); an OPEN always resends the same op id. */
  attempts?: number;
  /** PING when the line has been quiet this long (default 1000 ms); two missed beats mean offline. */
  heartbeatMs?: number;
  /** reconnect back-off: first wait and cap (default 100 ms doubling to 2000 ms). */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** start() gives up (but keeps reconnecting in the background) after this long (default 5000 ms). */
  startTimeoutMs?: number;
  logger?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

class BoardRestarted extends Error {}

/**
 * LockBoard over LWP/1 (firmware-protocol/PROTOCOL.md). One command on the wire at a time; while
 * the board is offline or being re-read every call fails at once with BoardError 'offline'.
 */
export class LwpBoard implements LockBoard {
  readonly id: string;
  readonly channelCount: number;
  private readonly o: Required<Omit<LwpBoardOptions, 'logger' | 'boardId'>> & Pick<LwpBoardOptions, 'logger'> & { boardId: string };
  private readonly listeners = new BoardListeners();
  private link: LwpLink | null = null;
  private online = false;
  private stopped = true;
  private seq = Math.floor(Math.random() * 65536);
  private queue: Promise<unknown> = Promise.resolve();
  private busy = 0;
  private pendingVerb: Command['verb'] | null = null;
  private bootId: string | null = null;
  private readonly doors: DoorLedger;
  private missedBeats = 0;
  private lastHeard = 0;
  private heartbeat: NodeJS.Timeout | null = null;
  private connecting: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private handshaking = false;
  /** boot id of the last RESET event heard during a handshake, to detect a restart in the middle of it. */
  private announcedBoot: string | null = null;
  private firstConnect: { resolve(): void } | null = null;

  constructor(options: LwpBoardOptions) {
    const baudRate = options.baudRate ?? 115200;
    this.o = {
      baudRate,
      boardId: options.boardId ?? options.id,
      replyTimeoutMs: 300 + Math.ceil((2 * 128 * 10 * 1000) / baudRate),
      attempts: 3,
      heartbeatMs: 1000,
      reconnectMinMs: 100,
      reconnectMaxMs: 2000,
      startTimeoutMs: 5000,
      ...options,
    };
    this.id = options.id;
    this.channelCount = options.channels;
    this.doors = new DoorLedger(options.channels);
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    const connected = new Promise<void>((resolve) => (this.firstConnect = { resolve }));
    this.ensureConnecting();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new BoardError(
              'offline',
              `Lock board ${this.id} did not answer on ${this.o.path} within ${this.o.startTimeoutMs} ms — check the cable and the port in the config; still retrying`,
            ),
          ),
        this.o.startTimeoutMs,
      );
    });
    try {
      await Promise.race([connected, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    this.wake?.();
    await this.connecting?.catch(() => {});
    const link = this.link;
    this.link = null;
    const wasOnline = this.online;
    this.online = false;
    link?.abort(new BoardError('offline', `Lock board ${this.id} was stopped`));
    await link?.close();
    if (wasOnline) this.listeners.availability('offline', 'stopped');
  }

  isOnline(): boolean {
    return this.online;
  }

  subscribe(listener: LockBoardListener): () => void {
    return this.listeners.add(listener);
  }

  async open(channel: number, operationId: string, pulseMs: number): Promise<OpenResult> {
    if (!Number.isInteger(channel) || channel < 1 || channel > this.channelCount)
      throw new BoardError('bad-channel', `Lock board ${this.id} has no channel ${channel} (it has ${this.channelCount})`);
    const op = opToken(operationId);
    const reply = await this.userCommand({ verb: 'OPEN', channel, op, pulseMs: Math.round(pulseMs), bootId: this.bootId ?? '0' }, channel);
    if (reply.kind === 'OPENED' && reply.channel === channel && reply.op === op) {
      this.doors.openConfirmed(channel);
      return reply.duplicate ? { pulsed: true, duplicate: true } : { pulsed: true };
    }
    throw this.rejection(reply, `open channel ${channel}`);
  }

  async readStatus(): Promise<ChannelState[]> {
    const reply = await this.userCommand({ verb: 'STATUS' });
    if (reply.kind !== 'STATUS') throw this.rejection(reply, 'read door status');
    return this.doors.status(reply.locked, reply.doorOpen, false).states;
  }

  // ---- commands -------------------------------------------------------------------------------

  private offlineError(): BoardError {
    return new BoardError('offline', `Lock board ${this.id} is offline (${this.o.path}) — the command was not sent`);
  }

  /** A command from the rest of the system: refused at once unless the board is online and re-read. */
  private userCommand(command: Command, openChannel?: number): Promise<Reply> {
    if (!this.online) return Promise.reject(this.offlineError());
    return this.exclusive(async () => {
      if (!this.online || !this.link) throw this.offlineError();
      if (openChannel) this.doors.openSent(openChannel);
      return this.transact(this.link, command);
    });
  }

  /** Serialises everything that talks to the board: one command on the wire at a time. */
  private exclusive<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      this.busy++;
      try {
        return await job();
      } finally {
        this.busy--;
      }
    });
    this.queue = run.catch(() => {});
    return run;
  }

  /** Sends with retries: a new seq each try, the same op id; BUSY waits for the running pulse. */
  private async transact(link: LwpLink, command: Command): Promise<Reply> {
    const busyUntil = Date.now() + 6000; // the longest pulse LWP/1 allows, plus margin
    let tries = 0;
    let lastProblem = '';
    while (tries < this.o.attempts) {
      tries++;
      let reply: Reply;
      this.pendingVerb = command.verb;
      try {
        reply = await link.request(command, this.o.replyTimeoutMs);
      } catch (err) {
        if (err instanceof ReplyTimeoutError || err instanceof MangledError) {
          lastProblem = err.message;
          continue;
        }
        if (err instanceof BoardRestarted && command.verb === 'OPEN')
          throw new BoardError(
            'io',
            `Lock board ${this.id} restarted while opening channel ${command.channel}: the lock may or may not have pulsed — the door state is being re-read`,
          );
        if (err instanceof BoardError) throw err;
        if (err instanceof BoardRestarted || !link.alive) throw this.offlineError();
        throw err;
      } finally {
        this.pendingVerb = null;
      }
      if (command.verb === 'OPEN' && reply.kind === 'ERR' && reply.code === 'BOOT') {
        // the board restarted since our HELLO; it refused without pulsing, but an earlier try may
        // have reached the old boot
        this.restarted(link, reply.detail ?? '?');
        throw new BoardError(
          tries === 1 ? 'rejected' : 'io',
          tries === 1
            ? `Lock board ${this.id} had restarted; channel ${command.channel} was not opened — try again once it is back online`
            : `Lock board ${this.id} restarted while opening channel ${command.channel}: the lock may or may not have pulsed — the door state is being re-read`,
        );
      }
      if (reply.kind === 'ERR' && reply.code === 'BUSY' && Date.now() < busyUntil) {
        tries--;
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      this.missedBeats = 0;
      return reply;
    }
    // a command that failed every try is stronger evidence than a missed heartbeat
    if (this.link === link) this.lost(link, `${command.verb} failed ${tries} times: ${lastProblem}`);
    const unknown = command.verb === 'OPEN' ? ': the lock may or may not have pulsed — the door state will be re-read on reconnect' : '';
    throw new BoardError('timeout', `Lock board ${this.id} did not answer ${command.verb} after ${tries} tries (${lastProblem})${unknown}`);
  }

  private rejection(reply: Reply, what: string): BoardError {
    if (reply.kind === 'ERR' && reply.code === 'BADCHAN')
      return new BoardError('bad-channel', `Lock board ${this.id} refused to ${what}: no such channel on the board`);
    const why = reply.kind === 'ERR' ? `${reply.code}${reply.detail ? ` ${reply.detail}` : ''}` : `unexpected ${reply.kind} reply`;
    return new BoardError('rejected', `Lock board ${this.id} refused to ${what}: ${why}`);
  }

  // ---- connection -----------------------------------------------------------------------------

  private ensureConnecting(): void {
    if (this.stopped || this.connecting) return;
    this.connecting = this.connectLoop().finally(() => {
      this.connecting = null;
      // the link may have died between the last successful try and here
      if (!this.stopped && !this.link?.alive) this.ensureConnecting();
    });
  }

  /** Tries until connected, with a new SerialPort each time and a growing wait between tries. */
  private async connectLoop(): Promise<void> {
    let wait = this.link === null && this.bootId === null ? 0 : this.o.reconnectMinMs;
    while (!this.stopped) {
      if (wait > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, wait);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = null;
        if (this.stopped) return;
      }
      if (await this.connectOnce()) return;
      wait = Math.min(Math.max(wait * 2, this.o.reconnectMinMs), this.o.reconnectMaxMs);
    }
  }

  private async connectOnce(): Promise<boolean> {
    // opened by the path as configured: /dev/serial/by-id links survive re-enumeration, and
    // SerialPort.list() is never needed (it fails in containers without udevadm)
    const port = new SerialPort({ path: this.o.path, baudRate: this.o.baudRate, autoOpen: false });
    const link = new LwpLink(port, () => (this.seq = (this.seq + 1) & 0xffff), {
      event: (seq, event) => this.onEvent(link, seq, event),
      heard: () => {
        this.lastHeard = Date.now();
        this.missedBeats = 0;
      },
      lost: (reason) => this.lost(link, reason),
    });
    try {
      await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
      if (this.stopped) throw new Error('stopped');
      this.link = link;
      link.flush();
      await this.exclusive(() => this.handshake(link));
      if (this.link !== link || !link.alive) throw new Error('the port closed during the handshake');
    } catch (err) {
      if (this.link === link) this.link = null;
      await link.close();
      if (!this.stopped) this.o.logger?.warn({ board: this.id, path: this.o.path, err: String(err) }, 'lock board connect failed');
      return false;
    }
    this.goOnline();
    return true;
  }

  /** HELLO, then STATUS: nothing else reaches the board before its doors have been re-read. */
  private async handshake(link: LwpLink): Promise<void> {
    this.handshaking = true;
    try {
      for (let round = 0; round < 3; round++) {
        this.announcedBoot = null;
        await this.handshakeRound(link);
        if (this.announcedBoot === null || this.announcedBoot === this.bootId) return;
        // the board restarted between HELLO and STATUS: what we read may predate the restart
      }
      throw new Error(`board ${this.id} keeps restarting`);
    } finally {
      this.handshaking = false;
    }
  }

  private async handshakeRound(link: LwpLink): Promise<void> {
    const hello = await this.transact(link, { verb: 'HELLO', version: PROTOCOL_VERSION });
    if (hello.kind !== 'HELLO')
      throw new Error(`board on ${this.o.path} refused the handshake: ${hello.kind === 'ERR' ? `${hello.code} ${hello.detail ?? ''}` : hello.kind}`);
    if (hello.boardId !== this.o.boardId)
      throw new Error(`the board on ${this.o.path} is "${hello.boardId}", expected "${this.o.boardId}" — are two cables swapped?`);
    if (hello.channels < this.channelCount)
      throw new Error(`board ${hello.boardId} has ${hello.channels} channels but the config uses ${this.channelCount}`);
    if (hello.bootId !== this.bootId) {
      this.bootId = hello.bootId;
      this.doors.newBoot();
    }
    const status = await this.transact(link, { verb: 'STATUS' });
    if (status.kind !== 'STATUS') throw new Error(`board ${this.id} refused STATUS: ${JSON.stringify(status)}`);
    for (const c of this.doors.status(status.locked, status.doorOpen, true).changes) this.emitDoor(c.channel, c.kind);
  }

  private goOnline(): void {
    if (this.stopped || !this.link?.alive) return;
    this.online = true;
    this.missedBeats = 0;
    this.lastHeard = Date.now();
    this.firstConnect?.resolve();
    this.firstConnect = null;
    if (!this.heartbeat) this.heartbeat = setInterval(() => this.beat(), Math.max(50, Math.floor(this.o.heartbeatMs / 4)));
    this.listeners.availability('online');
  }

  private goOffline(reason: string): void {
    const was = this.online;
    this.online = false;
    if (was) {
      this.o.logger?.warn({ board: this.id, reason }, 'lock board offline');
      this.listeners.availability('offline', reason);
    }
  }

  private lost(link: LwpLink, reason: string): void {
    if (this.link !== link) return;
    this.link = null;
    this.goOffline(reason);
    link.abort(
      new BoardError(
        'offline',
        `Lock board ${this.id} went offline (${reason}) with a command outstanding: if it was an open, the lock may or may not have pulsed`,
      ),
    );
    void link.close();
    this.ensureConnecting();
  }

  private missedBeat(reason: string): void {
    this.missedBeats++;
    if (this.missedBeats >= 2 && this.link) this.lost(this.link, `no answer from the board: ${reason}`);
  }

  private beat(): void {
    const link = this.link;
    if (!this.online || !link || this.busy > 0 || Date.now() - this.lastHeard < this.o.heartbeatMs) return;
    void this.exclusive(async () => {
      if (this.link !== link || !this.online) return;
      try {
        const reply = await link.request({ verb: 'PING' }, this.o.replyTimeoutMs);
        if (reply.kind === 'PONG') this.missedBeats = 0;
      } catch {
        this.lastHeard = Date.now(); // next beat one period later
        this.missedBeat('heartbeat missed');
      }
    }).catch(() => {});
  }

  // ---- board state ----------------------------------------------------------------------------

  private onEvent(link: LwpLink, seq: number, event: BoardEvent): void {
    link.ack(seq);
    if (event.kind === 'RESET') {
      if (this.handshaking) this.announcedBoot = event.bootId;
      // our ack of it was lost, we already handshook with that boot, or the running handshake re-checks
      if (event.bootId === this.bootId || this.handshaking) return;
      this.restarted(link, event.bootId);
      return;
    }
    const kind = this.doors.event(seq, event.channel, event.change);
    if (kind) this.emitDoor(event.channel, kind);
  }

  /** The board lost its op table: the outstanding OPEN must not be resent; re-handshake and re-read. */
  private restarted(link: LwpLink, bootId: string): void {
    this.o.logger?.warn({ board: this.id, bootId }, 'lock board restarted');
    this.bootId = null;
    this.doors.newBoot();
    this.goOffline('board restarted');
    if (this.pendingVerb) link.abort(new BoardRestarted());
    void this.exclusive(async () => {
      if (this.link !== link || this.stopped) return;
      try {
        await this.handshake(link);
        this.goOnline();
      } catch (err) {
        this.lost(link, `re-handshake after restart failed: ${String(err)}`);
      }
    });
  }

  private emitDoor(channel: number, kind: DoorEventKind): void {
    this.listeners.door({ boardId: this.id, channel, kind, at: new Date() });
  }
}

/** Builds an LWP/1 board driver; call start() to connect. */
export function createLwpBoard(options: LwpBoardOptions): LwpBoard {
  return new LwpBoard(options);
}

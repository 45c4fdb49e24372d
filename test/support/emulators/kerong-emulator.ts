import {
  CMD_STATUS,
  CMD_UNLOCK,
  CMD_UNLOCK_ALL,
  encodeStatusReply,
  LOCKS_PER_BOARD,
  splitCommands,
} from '../../../controller/src/hardware/kerong-cu16/frames.ts';

export interface KerongPulse {
  board: number;
  lock: number;
  at: number;
}

/** One emulated KR-CU16: 16 latches (hooked = door shut) and 16 infrared item sensors. */
export class KerongBoardSim {
  readonly hooked = new Array<boolean>(LOCKS_PER_BOARD).fill(true);
  readonly itemPresent = new Array<boolean>(LOCKS_PER_BOARD).fill(false);
  /** locks (0-15) that get the pulse but stay hooked: a door held shut or a stuck latch. */
  readonly jammed = new Set<number>();
  constructor(readonly address: number) {}
}

/**
 * The far end of an RS-485 bus with Kerong boards on it: answers status queries, pulses (and
 * springs open) the addressed lock on unlock, and logs every pulse. Faults can be injected.
 */
export class KerongBusEmulator {
  readonly boards = new Map<number, KerongBoardSim>();
  readonly pulses: KerongPulse[] = [];
  /** corrupt the checksum of the next n replies. */
  corruptReplies = 0;
  /** answer nothing at all (board powered off). */
  silent = false;
  /** real boards answer an unlock with a status reply; some firmware does not. */
  replyToUnlock = true;
  corruptCommandsSeen = 0;
  private pending: Buffer = Buffer.alloc(0);

  constructor(addresses: number[] = [0]) {
    for (const a of addresses) this.boards.set(a, new KerongBoardSim(a));
  }

  board(address: number): KerongBoardSim {
    const b = this.boards.get(address);
    if (!b) throw new Error(`no emulated Kerong board at address ${address}`);
    return b;
  }

  /** A hand shuts the door of `lock` (0-15): the latch hooks again. */
  closeDoor(address: number, lock: number): void {
    this.board(address).hooked[lock] = true;
  }

  /** A door pulled open without a command. */
  forceDoor(address: number, lock: number): void {
    this.board(address).hooked[lock] = false;
  }

  /** Feeds bytes from the wire; returns the replies to put back on it. */
  receive(chunk: Buffer): Buffer[] {
    const { frames, corrupt, rest } = splitCommands(Buffer.concat([this.pending, chunk]));
    this.pending = rest;
    this.corruptCommandsSeen += corrupt;
    const replies: Buffer[] = [];
    for (const frame of frames) {
      const addr = frame[1] ?? 0;
      const board = this.boards.get(addr >> 4);
      if (!board) continue; // nobody at that address on the bus
      const lock = addr & 0x0f;
      const command = frame[2];
      if (command === CMD_UNLOCK) {
        this.pulses.push({ board: board.address, lock, at: Date.now() });
        if (!board.jammed.has(lock)) board.hooked[lock] = false;
        if (this.replyToUnlock) replies.push(this.statusOf(board));
      } else if (command === CMD_UNLOCK_ALL) {
        for (let i = 0; i < LOCKS_PER_BOARD; i++) {
          this.pulses.push({ board: board.address, lock: i, at: Date.now() });
          board.hooked[i] = false;
        }
      } else if (command === CMD_STATUS) {
        replies.push(this.statusOf(board));
      }
    }
    return this.silent ? [] : replies.map((r) => this.maybeCorrupt(r));
  }

  private statusOf(board: KerongBoardSim): Buffer {
    return encodeStatusReply({ board: board.address, hooked: board.hooked, itemPresent: board.itemPresent });
  }

  private maybeCorrupt(reply: Buffer): Buffer {
    if (this.corruptReplies <= 0) return reply;
    this.corruptReplies -= 1;
    const bad = Buffer.from(reply);
    bad[bad.length - 1] = (bad[bad.length - 1]! + 1) & 0xff;
    return bad;
  }
}

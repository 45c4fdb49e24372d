import {
  bytesOf,
  encodeQueryAllReply,
  encodeShortFrame,
  FN_OPEN,
  FN_QUERY,
  HEAD_OPEN,
  HEAD_QUERY,
  isOpen,
  splitCommands,
  STATE_HIGH,
  STATE_LOW,
  type FeedbackPolarity,
  type StatusByteOrder,
} from '../../../controller/src/hardware/board-8a/frames.ts';

export interface Board8aPulse {
  board: number;
  lock: number;
  at: number;
}

export interface Board8aSimOptions {
  locks?: number;
  polarity?: FeedbackPolarity;
  /** status bytes in a query-all reply (3 on the common 8-, 16- and 24-lock boards). */
  statusBytes?: number;
  order?: StatusByteOrder;
}

/** One emulated 0x8A board; `doorOpen[i]` is lock i + 1. */
export class Board8aSim {
  readonly doorOpen: boolean[];
  readonly polarity: FeedbackPolarity;
  readonly statusBytes: number;
  readonly order: StatusByteOrder;
  constructor(
    readonly address: number,
    options: Board8aSimOptions = {},
  ) {
    this.doorOpen = new Array<boolean>(options.locks ?? 24).fill(false);
    this.polarity = options.polarity ?? 'closed-high';
    this.statusBytes = options.statusBytes ?? 3;
    this.order = options.order ?? 'ascending';
  }

  high(lock: number): boolean {
    // the polarity maps high → open; invert that here
    return isOpen(true, this.polarity) === (this.doorOpen[lock - 1] ?? false);
  }
}

/** The far end of a bus with 0x8A boards on it; logs every pulse; faults can be injected. */
export class Board8aBusEmulator {
  readonly boards = new Map<number, Board8aSim>();
  readonly pulses: Board8aPulse[] = [];
  corruptReplies = 0;
  silent = false;
  corruptCommandsSeen = 0;
  private pending: Buffer = Buffer.alloc(0);

  constructor(boards: Array<[address: number, options?: Board8aSimOptions]> = [[1]]) {
    for (const [address, options] of boards) this.boards.set(address, new Board8aSim(address, options));
  }

  board(address: number): Board8aSim {
    const b = this.boards.get(address);
    if (!b) throw new Error(`no emulated 0x8A board at address ${address}`);
    return b;
  }

  closeDoor(address: number, lock: number): void {
    this.board(address).doorOpen[lock - 1] = false;
  }

  forceDoor(address: number, lock: number): void {
    this.board(address).doorOpen[lock - 1] = true;
  }

  receive(chunk: Buffer): Buffer[] {
    const { frames, corrupt, rest } = splitCommands(Buffer.concat([this.pending, chunk]));
    this.pending = rest;
    this.corruptCommandsSeen += corrupt;
    const replies: Buffer[] = [];
    for (const frame of frames) {
      const board = this.boards.get(frame.board);
      if (!board) continue;
      const state = (lock: number) => (board.high(lock) ? STATE_HIGH : STATE_LOW);
      if (frame.head === HEAD_OPEN && frame.value === FN_OPEN) {
        const locks = frame.lock === 0 ? board.doorOpen.map((_, i) => i + 1) : [frame.lock];
        for (const lock of locks) {
          if (lock > board.doorOpen.length) continue;
          this.pulses.push({ board: board.address, lock, at: Date.now() });
          board.doorOpen[lock - 1] = true;
        }
        replies.push(encodeShortFrame({ head: HEAD_OPEN, board: board.address, lock: frame.lock, value: frame.lock === 0 ? STATE_HIGH : state(frame.lock) }));
      } else if (frame.head === HEAD_QUERY && frame.value === FN_QUERY) {
        if (frame.lock === 0) {
          const high = board.doorOpen.map((_, i) => board.high(i + 1));
          replies.push(encodeQueryAllReply(board.address, bytesOf(high, board.statusBytes, board.order)));
        } else {
          replies.push(encodeShortFrame({ head: HEAD_QUERY, board: board.address, lock: frame.lock, value: state(frame.lock) }));
        }
      }
    }
    return this.silent ? [] : replies.map((r) => this.maybeCorrupt(r));
  }

  private maybeCorrupt(reply: Buffer): Buffer {
    if (this.corruptReplies <= 0) return reply;
    this.corruptReplies -= 1;
    const bad = Buffer.from(reply);
    bad[bad.length - 1] = bad[bad.length - 1]! ^ 0x01;
    return bad;
  }
}

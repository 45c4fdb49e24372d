import { PolledSerialBoard, type PollTiming, type PulseAnswer } from '../polled/polled-board.ts';
import type { ChannelState } from '../lock-board.ts';
import { LinkError, type SerialLink } from '../serial-link.ts';
import {
  bitsOf,
  decodeQueryAllReply,
  decodeShortFrame,
  encodeOpen,
  encodeQuery,
  encodeQueryAll,
  HEAD_OPEN,
  HEAD_QUERY,
  isOpen,
  MAX_STATUS_BYTES,
  queryAllReplyScanner,
  shortReplyScanner,
  STATE_HIGH,
  type FeedbackPolarity,
  type StatusByteOrder,
} from './frames.ts';

export interface Board8aOptions {
  id: string;
  channels: number;
  /** board address as set on its DIP switch (1 on most boards as shipped). */
  address: number;
  link: SerialLink;
  /** what 0x11 (and a set status bit) means on this board. */
  feedbackPolarity: FeedbackPolarity;
  /** `all`: one query-all per poll; `each`: one query per lock, for boards without query-all. */
  statusQuery: 'all' | 'each';
  statusByteOrder: StatusByteOrder;
  timing?: Partial<PollTiming>;
}

/** One "0x8A" lock board on an RS-485 bus. The board never speaks first, so it is polled. */
export class Board8a extends PolledSerialBoard {
  readonly address: number;
  private readonly settings: Board8aOptions;

  constructor(options: Board8aOptions) {
    if (!Number.isInteger(options.address) || options.address < 0 || options.address > 255)
      throw new Error(`0x8A board ${options.id}: address must be 0-255, got ${options.address}`);
    if (options.statusQuery === 'all' && options.channels > MAX_STATUS_BYTES * 8)
      throw new Error(`0x8A board ${options.id}: query-all reports at most ${MAX_STATUS_BYTES * 8} locks; use options.statusQuery "each" for ${options.channels}`);
    super(options.id, options.channels, options.link, options.timing);
    this.address = options.address;
    this.settings = options;
  }

  protected describe(): string {
    return `0x8A board ${this.id} (address ${this.address} on ${this.link.path})`;
  }

  protected async queryStatus(): Promise<ChannelState[]> {
    const high = this.settings.statusQuery === 'each' ? await this.queryEach() : await this.queryAll();
    return high.map((h, i) => {
      const open = isOpen(h, this.settings.feedbackPolarity);
      return { channel: i + 1, locked: !open, doorOpen: open };
    });
  }

  private async queryAll(): Promise<boolean[]> {
    const needed = Math.ceil(this.channelCount / 8);
    const reply = await this.link.request(
      encodeQueryAll(this.address),
      queryAllReplyScanner(this.address, needed, Math.max(3, needed)),
      this.timing.replyTimeoutMs,
    );
    const bytes = decodeQueryAllReply(reply, this.address);
    const high = bytes && bitsOf(bytes, this.channelCount, this.settings.statusByteOrder);
    if (!high || high.some((h) => h === undefined)) throw new LinkError('corrupt', `unreadable query-all reply ${reply.toString('hex')}`);
    return high as boolean[];
  }

  private async queryEach(): Promise<boolean[]> {
    const high: boolean[] = [];
    for (let lock = 1; lock <= this.channelCount; lock++) {
      const reply = await this.link.request(encodeQuery(this.address, lock), shortReplyScanner(HEAD_QUERY, this.address, lock), this.timing.replyTimeoutMs);
      high.push(decodeShortFrame(reply)?.value === STATE_HIGH);
    }
    return high;
  }

  protected async sendOpen(channel: number): Promise<PulseAnswer> {
    try {
      await this.link.request(encodeOpen(this.address, channel), shortReplyScanner(HEAD_OPEN, this.address, channel), this.timing.replyTimeoutMs);
      return 'confirmed';
    } catch (err) {
      if (err instanceof LinkError && (err.code === 'timeout' || err.code === 'corrupt')) return 'unconfirmed';
      throw err;
    }
  }
}

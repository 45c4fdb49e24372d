import type { ChannelState } from '../lock-board.ts';
import { LinkError, type SerialLink } from '../serial-link.ts';
import { decodeStatusReply, encodeStatusRequest, encodeUnlock, LOCKS_PER_BOARD, statusReplyScanner } from './frames.ts';
import { PolledSerialBoard, type PollTiming, type PulseAnswer } from '../polled/polled-board.ts';

export interface KerongBoardOptions {
  id: string;
  channels: number;
  /** board address 0-15 (DIP switch), the high nibble of ADDR. */
  address: number;
  link: SerialLink;
  timing?: Partial<PollTiming>;
  /** how long to wait for the optional status reply a board sends after an unlock. */
  unlockReplyMs?: number;
}

/**
 * One Kerong KR-CU16 board (16 locks with latch and infrared sensors) at an address on an RS-485
 * bus. Channels 1-16 are locks 0-15. See frames.ts for the bit order.
 */
export class KerongBoard extends PolledSerialBoard {
  readonly address: number;
  private readonly unlockReplyMs: number;

  constructor(options: KerongBoardOptions) {
    if (!Number.isInteger(options.address) || options.address < 0 || options.address > 15)
      throw new Error(`Kerong board ${options.id}: address must be 0-15 (the board's DIP switch), got ${options.address}`);
    if (options.channels > LOCKS_PER_BOARD)
      throw new Error(`Kerong board ${options.id}: a KR-CU16 has 16 locks, ${options.channels} channels configured`);
    super(options.id, options.channels, options.link, options.timing);
    this.address = options.address;
    this.unlockReplyMs = options.unlockReplyMs ?? 150;
  }

  protected describe(): string {
    return `Kerong board ${this.id} (address ${this.address} on ${this.link.path})`;
  }

  protected async queryStatus(): Promise<ChannelState[]> {
    const reply = await this.link.request(encodeStatusRequest(this.address), statusReplyScanner(this.address), this.timing.replyTimeoutMs);
    const status = decodeStatusReply(reply);
    if (!status) throw new LinkError('corrupt', `unreadable status reply ${reply.toString('hex')}`);
    return Array.from({ length: this.channelCount }, (_, i) => ({
      channel: i + 1,
      locked: status.hooked[i] ?? false,
      doorOpen: !(status.hooked[i] ?? false),
      itemPresent: status.itemPresent[i] ?? false,
    }));
  }

  protected async sendOpen(channel: number): Promise<PulseAnswer> {
    try {
      // Boards answer an unlock with a status reply; some firmware stays silent, so silence is not failure.
      await this.link.request(encodeUnlock(this.address, channel - 1), statusReplyScanner(this.address), this.unlockReplyMs);
      return 'confirmed';
    } catch (err) {
      if (err instanceof LinkError && (err.code === 'timeout' || err.code === 'corrupt')) return 'unconfirmed';
      throw err;
    }
  }
}

import { randomBytes } from 'node:crypto';
import type { LockerwallConfig } from '../../../config/schema.ts';
import { DomainError } from '../domain/types.ts';
import { BadgeReader, SerialScanner, type BadgeCredential, type ReaderLog } from '../readers/index.ts';
import type { WallEventBus } from './event-bus.ts';

const TAP_TTL_MS = 30_000;

/**
 * Serial scanner and badge reader at the kiosk. A scan goes to the clerk screens over the event bus; a
 * badge tap is kept here under a random one-time id (the card number never leaves this process) and
 * the screen that is showing decides what it means: pickup at home, sign-in at the staff screen.
 */
export class ReaderInputs {
  private readonly taps = new Map<string, { credential: BadgeCredential; expires: number }>();
  private scanner?: SerialScanner;
  private badgeReader?: BadgeReader;

  constructor(
    private readonly config: LockerwallConfig,
    private readonly bus: WallEventBus,
    private readonly log: ReaderLog,
  ) {}

  async start(): Promise<void> {
    const { scanner, badge } = this.config.readers;
    if (scanner.port) {
      this.scanner = new SerialScanner({
        path: scanner.port,
        baudRate: scanner.baudRate,
        prefixes: scanner.prefixes,
        suffixes: scanner.suffixes,
        repeatWindowMs: scanner.repeatWindowMs,
        log: this.log,
      });
      this.scanner.onScan((scan) => this.bus.emit('scan', scan));
      await this.scanner.start();
    }
    if (badge.port) {
      this.badgeReader = new BadgeReader({
        path: badge.port,
        baudRate: badge.baudRate,
        protocol: badge.protocol,
        format: badge.format,
        holdWindowMs: badge.holdWindowMs,
        log: this.log,
      });
      this.badgeReader.onTap((tap) => this.bus.emit('badge', { tap: this.rememberTap(tap.credential) }));
      await this.badgeReader.start();
    }
  }

  async stop(): Promise<void> {
    await this.scanner?.stop();
    await this.badgeReader?.stop();
  }

  rememberTap(credential: BadgeCredential): string {
    const now = Date.now();
    for (const [id, t] of this.taps) if (t.expires < now) this.taps.delete(id);
    const id = randomBytes(16).toString('base64url');
    this.taps.set(id, { credential, expires: now + TAP_TTL_MS });
    return id;
  }

  /** The card of a recent tap, once: a tap id cannot be replayed. */
  takeTap(id: string): BadgeCredential {
    const tap = this.taps.get(id);
    this.taps.delete(id);
    if (!tap || tap.expires < Date.now()) throw new DomainError('tap_expired', 'That badge tap is too old — tap the card again.', 410);
    return tap.credential;
  }
}

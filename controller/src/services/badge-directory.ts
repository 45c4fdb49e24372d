import { DomainError, type Recipient } from '../domain/types.ts';
import { acceptsMatchAt, badgeMatchKeys, parseBadge, parseBadgeAnyFormat, widestWidth, type BadgeCredential, type BadgeFormat } from '../readers/index.ts';
import { BADGE_FORMATS } from '../readers/badge/types.ts';
import type { SecretKeeper } from '../security/digests.ts';
import type { BadgeKeyDigest } from '../store/credentials-repo.ts';
import type { Store } from '../store/store.ts';

function isBadgeFormat(format: string): format is BadgeFormat {
  return (BADGE_FORMATS as readonly string[]).includes(format);
}

/**
 * Enrols badges as keyed digests of their match keys and identifies the holder of a tapped card. A card
 * read in one format matches its enrolment in another at the widest width both know (see readers/badge).
 */
export class BadgeDirectory {
  constructor(
    private readonly store: Store,
    private readonly secrets: SecretKeeper,
    /** the output format of the kiosk's badge reader, when it is configured. */
    private readonly readerFormat?: BadgeFormat,
  ) {}

  /** Digests for every match key of a badge as the directory gives it; throws on an unreadable badge. */
  enrolmentKeys(badge: string, format?: string): BadgeKeyDigest[] {
    if (format && !isBadgeFormat(format))
      throw new DomainError('invalid_badge', `badge_format "${format}" must be one of ${BADGE_FORMATS.join(', ')}`, 422);
    const credential = format ? parseBadge(badge, format as BadgeFormat) : parseBadgeAnyFormat(badge);
    if ('error' in credential) throw new DomainError('invalid_badge', `Badge "${badge}": ${credential.message}`, 422);
    const enrolledWidth = widestWidth(credential);
    return badgeMatchKeys(credential).map((k) => ({ digest: this.secrets.badgeDigest(k.key), keyWidth: k.width, enrolledWidth }));
  }

  /** Reads what a reader or the kiosk sent; throws a DomainError a person can act on. */
  read(badgeText: string): BadgeCredential {
    const credential = parseBadgeAnyFormat(badgeText, this.readerFormat);
    if ('error' in credential) throw new DomainError('invalid_badge', 'The card could not be read — hold it still on the reader and try again.', 400);
    return credential;
  }

  /** The holder of a card typed or posted as text, or read by a serial reader. */
  identify(badge: string | BadgeCredential): Recipient {
    return this.identifyCredential(typeof badge === 'string' ? this.read(badge) : badge);
  }

  /** The holder of the card, matched at the widest width both the read and the enrolment carry. */
  identifyCredential(credential: BadgeCredential): Recipient {
    const readWidest = widestWidth(credential);
    for (const key of badgeMatchKeys(credential)) {
      const holders = this.store.credentials
        .badgeHolders(this.secrets.badgeDigest(key.key))
        .filter((h) => acceptsMatchAt(key.width, readWidest, h.enrolledWidth));
      const ids = [...new Set(holders.map((h) => h.recipientId))];
      if (ids.length > 1) throw new DomainError('ambiguous_badge', 'This card matches more than one person — ask the mailroom to re-enrol it.', 409);
      const recipient = ids[0] === undefined ? undefined : this.store.recipients.get(ids[0]);
      if (recipient?.active) return recipient;
    }
    throw new DomainError('unknown_badge', 'This card is not enrolled — ask the mailroom to register your badge.', 404);
  }
}

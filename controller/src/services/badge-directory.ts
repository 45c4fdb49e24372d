import { DomainError, type Recipient } from '../domain/types.ts';
import type { SecretKeeper } from '../security/digests.ts';
import type { Store } from '../store/store.ts';
import { badgeKeys } from './badge-keys.ts';

/** Enrols badges as keyed digests and identifies the holder of a tapped card. */
export class BadgeDirectory {
  constructor(
    private readonly store: Store,
    private readonly secrets: SecretKeeper,
  ) {}

  /** Digests for every match key of a badge as the directory gives it; throws on an unreadable badge. */
  enrolmentDigests(badge: string, format?: string): string[] {
    const keys = badgeKeys(badge, format);
    if (!keys) throw new DomainError('invalid_badge', `Badge "${badge}" is not readable as ${format ?? 'a badge number'}.`, 422);
    return keys.map((k) => this.secrets.badgeDigest(k.value));
  }

  /** The holder of the card, matched at the widest width both the read and the enrolment carry. */
  identify(badgeText: string, format?: string): Recipient {
    const keys = badgeKeys(badgeText, format);
    if (!keys) throw new DomainError('invalid_badge', 'The card could not be read — hold it still on the reader and try again.', 400);
    for (const key of [...keys].sort((a, b) => b.width - a.width)) {
      const holders = this.store.credentials.recipientsWithBadge(this.secrets.badgeDigest(key.value));
      if (holders.length > 1)
        throw new DomainError('ambiguous_badge', 'This card matches more than one person — ask the mailroom to re-enrol it.', 409);
      const recipient = holders[0] === undefined ? undefined : this.store.recipients.get(holders[0]);
      if (recipient?.active) return recipient;
    }
    throw new DomainError('unknown_badge', 'This card is not enrolled — ask the mailroom to register your badge.', 404);
  }
}

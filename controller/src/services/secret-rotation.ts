import { randomInt } from 'node:crypto';
import type { LockerwallConfig } from '../../../config/schema.ts';
import { drawPickupCode } from '../domain/pickup-code.ts';
import type { Clock } from '../domain/types.ts';
import { SecretKeeper } from '../security/digests.ts';
import type { Store } from '../store/store.ts';
import { BadgeDirectory } from './badge-directory.ts';
import { importDirectory, type ImportReport } from './directory-import.ts';
import { Notifications } from './notifications.ts';

export interface RotationReport {
  codesReissued: number;
  messagesResealed: number;
  badges: ImportReport;
}

const randomUint32 = () => randomInt(0, 2 ** 32 - 1) >>> 0;

/**
 * Moves every secret-derived value to a new install secret in one transaction. Digests cannot be
 * re-keyed without the plain values, so: codes of stored parcels are replaced by new codes (and their
 * recipients told), sealed outbox messages are re-sealed, and badges are re-enrolled from the HR export.
 */
export function rotateInstallSecret(
  store: Store,
  config: LockerwallConfig,
  oldSecret: Buffer,
  newSecret: Buffer,
  directoryCsv: string,
  clock: Clock,
): RotationReport {
  const before = new SecretKeeper(oldSecret);
  const after = new SecretKeeper(newSecret);
  const notifications = new Notifications(store, config, after);
  const now = clock.now();
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + config.pickup.codeTtlHours * 3_600_000).toISOString();
  return store.transaction(() => {
    let messagesResealed = 0;
    const sealed = store.db
      .prepare('SELECT id, sealed_secret AS sealed FROM outbox WHERE sealed_secret IS NOT NULL AND delivered_at IS NULL')
      .all() as { id: number; sealed: string }[];
    for (const row of sealed) {
      store.db.prepare('UPDATE outbox SET sealed_secret = ? WHERE id = ?').run(after.seal(before.unseal(row.sealed)), row.id);
      messagesResealed++;
    }
    const stored = store.parcels.list({ status: 'stored', limit: 1_000_000 });
    for (const parcel of stored) {
      store.credentials.retireCodesOfParcel(parcel.id, at);
      let code: string;
      do code = drawPickupCode(randomUint32);
      while (!store.credentials.tryAddPickupCode(after.pickupCodeDigest(code), parcel.id, parcel.recipientId, at, expiresAt));
      store.parcels.addEvent({ parcelId: parcel.id, at, type: 'code_reissued', actor: 'admin:rotate-secret', doorId: parcel.doorId, detail: { expiresAt } });
      notifications.enqueue('parcel.code_reissued', parcel.recipientId, { parcelId: parcel.id, door: parcel.doorId, expiresAt }, at, code);
    }
    store.db.prepare("DELETE FROM credentials WHERE kind = 'badge'").run();
    const badges = importDirectory(directoryCsv, store, new BadgeDirectory(store, after), clock);
    return { codesReissued: stored.length, messagesResealed, badges };
  });
}

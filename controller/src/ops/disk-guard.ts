import { statfsSync } from 'node:fs';
import { DomainError } from '../domain/types.ts';

export interface DiskSpace {
  freeBytes: number;
  totalBytes: number;
}

export type StatFs = (path: string) => { bavail: number | bigint; blocks: number | bigint; bsize: number | bigint };

/** Space an unprivileged process may still use (bavail: root's reserve does not count). */
export function diskSpace(dir: string, statfs: StatFs = statfsSync): DiskSpace {
  const s = statfs(dir);
  return { freeBytes: Number(s.bavail) * Number(s.bsize), totalBytes: Number(s.blocks) * Number(s.bsize) };
}

const mb = (bytes: number) => `${Math.floor(bytes / 1_048_576)} MB`;

/**
 * Refuses a deposit when the data disk is nearly full: better a clear "no" at the counter than a door
 * that opens for a parcel whose record cannot be written. Call it before the deposit's transaction.
 *
 * @example
 * assertRoomForDeposit(config.dataDir, 50 * 1_048_576); // throws DomainError storage_full (507)
 */
export function assertRoomForDeposit(dataDir: string, minFreeBytes: number, statfs: StatFs = statfsSync): void {
  let space: DiskSpace;
  try {
    space = diskSpace(dataDir, statfs);
  } catch {
    return; // cannot measure (exotic file system): SQLITE_FULL still stops the write itself
  }
  if (space.freeBytes < minFreeBytes)
    throw new DomainError(
      'storage_full',
      `The controller disk is almost full (${mb(space.freeBytes)} free, ${mb(minFreeBytes)} needed): deposits are paused and no door was opened. Free space on the controller or call facilities; pickups still work.`,
      507,
      { freeBytes: space.freeBytes, minFreeBytes },
    );
}

import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../controller/src/domain/types.ts';
import { assertRoomForDeposit, diskSpace, type StatFs } from '../../../controller/src/ops/disk-guard.ts';

const MB = 1_048_576;
const fakeDisk = (freeBytes: number): StatFs => () => ({ bavail: freeBytes / 4096, blocks: (8 * 1024 * MB) / 4096, bsize: 4096 });

describe('assertRoomForDeposit', () => {
  it('refuses with storage_full (507) and a message the clerk can act on when space is below the threshold', () => {
    let error: unknown;
    try {
      assertRoomForDeposit('/var/lib/lockerwall', 50 * MB, fakeDisk(12 * MB));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'storage_full', status: 507, details: { freeBytes: 12 * MB, minFreeBytes: 50 * MB } });
    expect((error as Error).message).toMatch(/12 MB free, 50 MB needed/);
    expect((error as Error).message).toMatch(/no door was opened/);
  });

  it('lets the deposit go on with enough space', () => {
    expect(() => assertRoomForDeposit('/var/lib/lockerwall', 50 * MB, fakeDisk(51 * MB))).not.toThrow();
  });

  it('reads the real file system of the data folder', () => {
    const space = diskSpace(tmpdir());
    expect(space.totalBytes).toBeGreaterThan(0);
    expect(space.freeBytes).toBeGreaterThanOrEqual(0);
    expect(() => assertRoomForDeposit(tmpdir(), Number.MAX_SAFE_INTEGER)).toThrow(DomainError);
    expect(() => assertRoomForDeposit(tmpdir(), 1)).not.toThrow();
  });

  it('does not block deposits when the space cannot be measured', () => {
    const broken: StatFs = () => {
      throw new Error('ENOSYS');
    };
    expect(() => assertRoomForDeposit('/nowhere', 50 * MB, broken)).not.toThrow();
  });
});

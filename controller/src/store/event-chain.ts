import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  seq: number;
  parcel_id: string;
  at: string;
  type: string;
  actor: string;
  door_id: string | null;
  detail: string;
}

/** The hash of one custody-log row: every stored field and the previous row's hash. */
export function eventHash(prevHash: string, e: ChainedFields): string {
  return createHash('sha256')
    .update(JSON.stringify([prevHash, e.seq, e.parcel_id, e.at, e.type, e.actor, e.door_id, e.detail]))
    .digest('hex');
}

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  /** the first row whose hash or link does not match, when not ok. */
  firstBrokenSeq?: number;
  reason?: string;
}

/** Walks the log in order and reports the first broken link. */
export function verifyChain(rows: Iterable<ChainedFields & { prev_hash: string; hash: string }>): ChainVerdict {
  let prev = GENESIS_HASH;
  let expectedSeq: number | undefined;
  let checked = 0;
  for (const row of rows) {
    if (expectedSeq !== undefined && row.seq !== expectedSeq)
      return { ok: false, checked, firstBrokenSeq: row.seq, reason: `row ${expectedSeq} is missing` };
    if (row.prev_hash !== prev) return { ok: false, checked, firstBrokenSeq: row.seq, reason: 'link to the previous row does not match' };
    if (eventHash(prev, row) !== row.hash) return { ok: false, checked, firstBrokenSeq: row.seq, reason: 'row content does not match its hash' };
    prev = row.hash;
    expectedSeq = row.seq + 1;
    checked++;
  }
  return { ok: true, checked };
}

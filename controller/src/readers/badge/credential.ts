import type { BadgeCredential, BadgeError, BadgeFamily, BadgeMatchKey } from './types.ts';

const EM4100_WIDTHS = [40, 32, 24] as const;

const hexOf = (value: bigint, width: number): string => value.toString(16).toUpperCase().padStart(width / 4, '0');

/** An EM4100 card known to `width` bits (40 from the card itself, 32 or 24 from truncating outputs). */
export function em4100Credential(value: bigint, width: 40 | 32 | 24): BadgeCredential {
  const keys: BadgeMatchKey[] = EM4100_WIDTHS.filter((w) => w <= width).map((w) => ({
    width: w,
    value: hexOf(value & ((1n << BigInt(w)) - 1n), w),
  }));
  const widest = keys[0]!;
  const display = width === 40 ? `em4100:${widest.value}` : `em4100:${'…'}${widest.value}`;
  return { family: 'em4100', keys, display };
}

/** A MIFARE card by its UID bytes in the order the card reports them (4, 7 or 10 bytes). */
export function mifareCredential(uid: Uint8Array): BadgeCredential {
  const value = [...uid].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join('');
  return { family: 'mifare', keys: [{ width: uid.length * 8, value }], display: `mifare:${value}` };
}

export const badgeError = (error: BadgeError['error'], message: string): BadgeError => ({ error, message });

export function isBadgeError(x: BadgeCredential | BadgeError): x is BadgeError {
  return 'error' in x;
}

/**
 * The strings the store keys badges by, widest first: `em4100:w40:4B00423C15`, `em4100:w32:00423C15`, …
 * Store HMAC(secret, key) for each; look a read up widest first and accept a hit only as `acceptsMatchAt` says.
 */
export function badgeMatchKeys(cred: BadgeCredential): { width: number; key: string }[] {
  return cred.keys.map(({ width, value }) => ({ width, key: `${cred.family}:w${width}:${value}` }));
}

export const widestWidth = (cred: BadgeCredential): number => cred.keys[0]?.width ?? 0;

/**
 * A stored key found at `width` identifies the card only at the widest width both sides know:
 * the read's widest, or — when the read knows more bits — the enrolment's widest. Otherwise the two
 * cards share their low bits but differ above them (e.g. two EM4100 cards with equal Wiegand-26 numbers
 * but different customer bytes, both enrolled with 40 bits).
 */
export function acceptsMatchAt(width: number, readWidest: number, enrolledWidest: number): boolean {
  return width === Math.min(readWidest, enrolledWidest);
}

/** true when two credentials are the same card at the widest width both carry. */
export function badgesMatch(a: BadgeCredential, b: BadgeCredential): boolean {
  if (a.family !== b.family) return false;
  const width = Math.min(widestWidth(a), widestWidth(b));
  const va = a.keys.find((k) => k.width === width)?.value;
  const vb = b.keys.find((k) => k.width === width)?.value;
  return va !== undefined && va === vb;
}

export type { BadgeFamily };

/**
 * Output formats of badge readers and HR exports.
 * - `hex10`: EM4100 40-bit card data as 10 hex digits (`4B00423C15`)
 * - `dec12`: the same 40 bits in decimal, 12 digits (13 for numbers above 999 999 999 999)
 * - `dec10`: the lower 32 bits in decimal, 10 digits (what most 125 kHz wedge readers type)
 * - `dec8`: the lower 24 bits in decimal, 8 digits
 * - `fac,card`: Wiegand-26 view: facility = bits 23–16 (0–255), card = bits 15–0 (0–65535)
 * - `hex-uid` / `hex-uid-reversed`: MIFARE UID bytes in hex, as read / byte-reversed
 * - `dec-uid` / `dec-uid-reversed`: a 4-byte MIFARE UID as a decimal number, as read / byte-reversed
 */
export type BadgeFormat =
  | 'hex10'
  | 'dec12'
  | 'dec10'
  | 'dec8'
  | 'fac,card'
  | 'hex-uid'
  | 'hex-uid-reversed'
  | 'dec-uid'
  | 'dec-uid-reversed';

export const BADGE_FORMATS: readonly BadgeFormat[] = [
  'hex10',
  'dec12',
  'dec10',
  'dec8',
  'fac,card',
  'hex-uid',
  'hex-uid-reversed',
  'dec-uid',
  'dec-uid-reversed',
];

export type BadgeFamily = 'em4100' | 'mifare';

/** The card number truncated to its lowest `width` bits, as upper-case hex of width/4 digits. */
export interface BadgeMatchKey {
  width: number;
  value: string;
}

/**
 * One card as far as a read or an enrolment can tell. `keys` run widest first; two credentials are
 * the same card when their values agree at the widest width both have (see `badgesMatch`).
 */
export interface BadgeCredential {
  family: BadgeFamily;
  keys: BadgeMatchKey[];
  /** for screens and admin lists only (never logs): `em4100:4B00423C15`, `em4100:…423C15`, `mifare:1EA68671`. */
  display: string;
}

export interface BadgeError {
  error: 'empty' | 'format' | 'range' | 'checksum';
  message: string;
}

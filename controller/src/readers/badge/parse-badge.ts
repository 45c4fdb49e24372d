import { badgeError, em4100Credential, mifareCredential } from './credential.ts';
import { BADGE_FORMATS, type BadgeCredential, type BadgeError, type BadgeFormat } from './types.ts';

const clean = (text: string): string => (typeof text === 'string' ? text.replace(/^[\s\u0000-\u001f]+|[\s\u0000-\u001f]+$/g, '') : '');

function decimal(text: string, maxDigits: number, bits: number, format: BadgeFormat): bigint | BadgeError {
  if (!new RegExp(`^\\d{1,${maxDigits}}$`).test(text)) {
    return badgeError('format', `A ${format} badge number is up to ${maxDigits} digits; got ${text.length} characters — check the reader's output format.`);
  }
  const value = BigInt(text);
  if (value >= 1n << BigInt(bits)) {
    return badgeError('range', `${text.length}-digit number is larger than ${bits} bits allow for ${format} — check the reader's output format.`);
  }
  return value;
}

function uidBytes(hex: string): Uint8Array | undefined {
  if (!/^([0-9A-Fa-f]{2}){4}$|^([0-9A-Fa-f]{2}){7}$|^([0-9A-Fa-f]{2}){10}$/.test(hex)) return undefined;
  return Uint8Array.from(hex.match(/../g)!.map((b) => parseInt(b, 16)));
}

function uint32Bytes(value: bigint): Uint8Array {
  return Uint8Array.from([24n, 16n, 8n, 0n].map((shift) => Number((value >> shift) & 0xffn)));
}

/**
 * Read one badge string in a known output format. Never throws.
 * @example parseBadge('0004340757\r\n', 'dec10') // em4100 with keys w32 00423C15, w24 423C15
 * @example parseBadge('066,15381', 'fac,card') // em4100 with key w24 423C15
 */
export function parseBadge(text: string, format: BadgeFormat): BadgeCredential | BadgeError {
  const t = clean(text);
  if (t === '') return badgeError('empty', 'The badge reader sent nothing — tap the card again.');
  switch (format) {
    case 'hex10':
      if (!/^[0-9A-Fa-f]{10}$/.test(t)) return badgeError('format', 'A hex10 badge number is 10 hex digits — check the reader output format.');
      return em4100Credential(BigInt(`0x${t}`), 40);
    case 'dec12': {
      // 40 bits reach 1 099 511 627 775: cards above 999 999 999 999 come out with 13 digits.
      const v = decimal(t, 13, 40, format);
      return typeof v === 'bigint' ? em4100Credential(v, 40) : v;
    }
    case 'dec10': {
      const v = decimal(t, 10, 32, format);
      return typeof v === 'bigint' ? em4100Credential(v, 32) : v;
    }
    case 'dec8': {
      const v = decimal(t, 8, 24, format);
      return typeof v === 'bigint' ? em4100Credential(v, 24) : v;
    }
    case 'fac,card': {
      const m = /^(\d{1,3})\s*[,/:;\s-]\s*(\d{1,5})$/.exec(t);
      if (!m) return badgeError('format', 'A fac,card badge number is facility,card — e.g. 066,15381.');
      const facility = Number(m[1]);
      const card = Number(m[2]);
      if (facility > 255 || card > 65535) {
        return badgeError('range', 'Facility must be 0–255 and card 0–65535 — check the number on the HR record.');
      }
      return em4100Credential(BigInt((facility << 16) | card), 24);
    }
    case 'hex-uid':
    case 'hex-uid-reversed': {
      const bytes = uidBytes(t);
      if (!bytes) return badgeError('format', 'A MIFARE UID is 4, 7 or 10 bytes in hex (8, 14 or 20 hex digits).');
      return mifareCredential(format === 'hex-uid' ? bytes : bytes.reverse());
    }
    case 'dec-uid':
    case 'dec-uid-reversed': {
      const v = decimal(t, 10, 32, format);
      if (typeof v !== 'bigint') return v;
      const bytes = uint32Bytes(v);
      return mifareCredential(format === 'dec-uid' ? bytes : bytes.reverse());
    }
    default:
      return badgeError('format', `Unknown badge format ${JSON.stringify(format)}; use one of ${BADGE_FORMATS.join(', ')}.`);
  }
}

/**
 * Read a badge typed or posted without a configured format (e.g. HTTP `{"badge":"4B00423C15"}`).
 * Rules, in order:
 * 1. `em4100:` + 10 hex → hex10; `mifare:` + 8/14/20 hex → hex-uid.
 * 2. When `configured` is given and the text reads in it, that reading wins.
 * 3. `fac,card` (digits, comma, digits) → fac,card.
 * 4. 12 (or 13) digits → dec12. 10 digits → dec10 — even though they are also valid hex: readers that type
 *    10 digits are dec10 readers far more often than hex10 ones whose number happens to have no A–F.
 * 5. 10 characters with at least one A–F → hex10.
 * Anything else is refused with a message naming the accepted forms.
 */
export function parseBadgeAnyFormat(text: string, configured?: BadgeFormat): BadgeCredential | BadgeError {
  const t = clean(text);
  if (t === '') return badgeError('empty', 'No badge number given.');
  const prefixed = /^(em4100|mifare):(.*)$/i.exec(t);
  if (prefixed) return parseBadge(prefixed[2] ?? '', prefixed[1]!.toLowerCase() === 'em4100' ? 'hex10' : 'hex-uid');
  if (configured) {
    const read = parseBadge(t, configured);
    if (!('error' in read)) return read;
  }
  if (/^\d{1,3}\s*,\s*\d{1,5}$/.test(t)) return parseBadge(t, 'fac,card');
  if (/^\d{12,13}$/.test(t)) return parseBadge(t, 'dec12');
  if (/^\d{10}$/.test(t)) return parseBadge(t, 'dec10');
  if (/^[0-9A-Fa-f]{10}$/.test(t)) return parseBadge(t, 'hex10');
  return badgeError(
    'format',
    'Badge number not understood: give 10 hex digits, 10 or 12 decimal digits, facility,card, em4100:<10 hex> or mifare:<UID hex>.',
  );
}

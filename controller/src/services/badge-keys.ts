/**
 * Badge match keys: a card read in one format must match the same card enrolled in another. Formats
 * carry different widths (fac,card 24 bits, dec10 32, hex10 40), so a credential yields a key for every
 * width it determines and two credentials match at the widest width both have.
 */
export interface BadgeKey {
  width: number;
  value: string;
}

function keysFromNumber(n: bigint, width: number, family = 'em4100'): BadgeKey[] {
  const keys: BadgeKey[] = [];
  for (const w of [40, 32, 24]) {
    if (w > width) continue;
    const mask = (1n << BigInt(w)) - 1n;
    keys.push({ width: w, value: `${family}:w${w}:${(n & mask).toString(16).toUpperCase().padStart(w / 4, '0')}` });
  }
  return keys;
}

/** Parses a badge as HR exports or a reader types it; null when it is not a badge number. */
export function badgeKeys(text: string, format?: string): BadgeKey[] | null {
  const t = text.trim().replace(/^em4100:/i, '');
  if ((format === 'fac,card' || !format) && /^\d{1,3}\s*,\s*\d{1,5}$/.test(t)) {
    const [fac, card] = t.split(',').map((s) => Number(s.trim()));
    if (fac! > 255 || card! > 65535) return null;
    return keysFromNumber((BigInt(fac!) << 16n) | BigInt(card!), 24);
  }
  if ((format === 'dec10' || !format) && /^\d{10}$/.test(t)) {
    const n = BigInt(t);
    return n < 1n << 32n ? keysFromNumber(n, 32) : null;
  }
  if ((format === 'hex10' || !format) && /^[0-9A-Fa-f]{10}$/.test(t)) return keysFromNumber(BigInt(`0x${t}`), 40);
  return null;
}

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  acceptsMatchAt,
  BADGE_FORMATS,
  badgeMatchKeys,
  badgesMatch,
  isBadgeError,
  parseBadge,
  parseBadgeAnyFormat,
  parseRdm6300Frames,
  type BadgeCredential,
  type BadgeError,
} from '../../../../controller/src/readers/badge/index.ts';
import { badges, hexBytes, type BadgeRead } from './badges-fixture.ts';

function credentialOf(read: BadgeRead): BadgeCredential {
  if (read.reader === 'rdm6300') {
    const events = parseRdm6300Frames(hexBytes(read.bytes!));
    expect(events).toHaveLength(1);
    const [event] = events;
    if (event?.kind !== 'card') throw new Error(`frame refused: ${JSON.stringify(event)}`);
    return event.credential;
  }
  const result = parseBadge(read.text!, read.format!);
  if (isBadgeError(result)) throw new Error(`${read.format} ${JSON.stringify(read.text)}: ${result.message}`);
  return result;
}

const ok = (r: BadgeCredential | BadgeError): BadgeCredential => {
  if (isBadgeError(r)) throw new Error(r.message);
  return r;
};

describe('badges.json: one card read by different readers resolves to one credential', () => {
  for (const group of badges.same_card) {
    const hex = group.card.replace('em4100:', '');
    describe(group.card, () => {
      it.each(group.reads.map((r) => [r.format ?? r.reader, r] as const))('%s', (_name, read) => {
        const cred = credentialOf(read);
        expect(cred.family).toBe('em4100');
        // every width the read knows agrees with the card's own 40 bits truncated to it
        for (const { width, value } of cred.keys) {
          const expected = (BigInt(`0x${hex}`) & ((1n << BigInt(width)) - 1n)).toString(16).toUpperCase().padStart(width / 4, '0');
          expect(value, `w${width}`).toBe(expected);
        }
      });

      it('every pair of reads matches at their widest common width', () => {
        const creds = group.reads.map(credentialOf);
        for (const a of creds) for (const b of creds) expect(badgesMatch(a, b), `${a.display} vs ${b.display}`).toBe(true);
      });
    });
  }

  it('reads of different cards never match, whatever the formats', () => {
    const [first, second] = badges.same_card.map((g) => g.reads.map(credentialOf));
    for (const a of first!) for (const b of second!) expect(badgesMatch(a, b), `${a.display} vs ${b.display}`).toBe(false);
  });

  it('decodes the widths each format carries', () => {
    const widths = (text: string, format: Parameters<typeof parseBadge>[1]) => ok(parseBadge(text, format)).keys.map((k) => k.width);
    expect(widths('4B00423C15', 'hex10')).toEqual([40, 32, 24]);
    expect(widths('322126887957', 'dec12')).toEqual([40, 32, 24]);
    expect(widths('0004340757', 'dec10')).toEqual([32, 24]);
    expect(widths('04340757', 'dec8')).toEqual([24]);
    expect(widths('066,15381', 'fac,card')).toEqual([24]);
  });
});

describe('badges.json: MIFARE byte order', () => {
  it('resolves UID as read, reversed and reversed-decimal to the same card', () => {
    const creds = badges.mifare_byte_order.reads.map(credentialOf);
    for (const c of creds) expect(c.display).toBe(badges.mifare_byte_order.card);
    for (const a of creds) for (const b of creds) expect(badgesMatch(a, b)).toBe(true);
  });

  it('never matches an EM4100 card', () => {
    const mifare = credentialOf(badges.mifare_byte_order.reads[0]!);
    for (const read of badges.same_card.flatMap((g) => g.reads)) expect(badgesMatch(mifare, credentialOf(read))).toBe(false);
  });

  it('reads 7-byte UIDs', () => {
    expect(ok(parseBadge('04A1B2C3D4E5F6', 'hex-uid'))).toMatchObject({ display: 'mifare:04A1B2C3D4E5F6', keys: [{ width: 56 }] });
    expect(ok(parseBadge('F6E5D4C3B2A104', 'hex-uid-reversed')).display).toBe('mifare:04A1B2C3D4E5F6');
  });
});

describe('badges.json: bad frames', () => {
  const [offByOne, cut, garbage] = badges.bad_frames;

  it(`refuses: ${offByOne!.why}`, () => {
    const events = parseRdm6300Frames(hexBytes(offByOne!.bytes));
    expect(events).toEqual([expect.objectContaining({ kind: 'refused', reason: 'checksum' })]);
  });

  it(`resyncs: ${cut!.why}`, () => {
    const good = badges.same_card[0]!.reads[0]!.bytes!;
    const events = parseRdm6300Frames(hexBytes(`${cut!.bytes} ${good}`));
    const cards = events.filter((e) => e.kind === 'card');
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ credential: { display: 'em4100:4B00423C15' } });
  });

  it(`resyncs: ${garbage!.why}`, () => {
    const events = parseRdm6300Frames(hexBytes(garbage!.bytes));
    expect(events.filter((e) => e.kind === 'card')).toEqual([
      { kind: 'card', credential: expect.objectContaining({ display: 'em4100:4B00423C15' }) },
    ]);
  });
});

describe('match keys for the store', () => {
  it('names family, width and value, widest first', () => {
    expect(badgeMatchKeys(ok(parseBadge('4B00423C15', 'hex10')))).toEqual([
      { width: 40, key: 'em4100:w40:4B00423C15' },
      { width: 32, key: 'em4100:w32:00423C15' },
      { width: 24, key: 'em4100:w24:423C15' },
    ]);
  });

  it('accepts a narrower hit only when that is the enrolment’s widest width', () => {
    // read with 40 bits, enrolment with fac,card (24): hit at 24 counts
    expect(acceptsMatchAt(24, 40, 24)).toBe(true);
    // read with 40 bits, enrolment with 40 bits that differ above bit 24: a w24 hit must not count
    expect(acceptsMatchAt(24, 40, 40)).toBe(false);
    expect(acceptsMatchAt(40, 40, 40)).toBe(true);
    expect(acceptsMatchAt(24, 24, 40)).toBe(true);
  });

  it('tells apart two 40-bit cards that share their Wiegand-26 number', () => {
    const a = ok(parseBadge('4B00423C15', 'hex10'));
    const b = ok(parseBadge('0100423C15', 'hex10'));
    expect(badgesMatch(a, b)).toBe(false);
    expect(badgesMatch(a, ok(parseBadge('066,15381', 'fac,card')))).toBe(true);
    expect(badgesMatch(b, ok(parseBadge('066,15381', 'fac,card')))).toBe(true);
  });
});

describe('parseBadgeAnyFormat (HTTP {"badge": …})', () => {
  it.each([
    ['4B00423C15', 'em4100:4B00423C15'],
    ['4b00423c15\r\n', 'em4100:4B00423C15'],
    ['em4100:4B00423C15', 'em4100:4B00423C15'],
    ['066,15381', 'em4100:…423C15'],
    ['0004340757', 'em4100:…00423C15'],
    ['322126887957', 'em4100:4B00423C15'],
    ['mifare:1EA68671', 'mifare:1EA68671'],
  ])('%j → %s', (text, display) => {
    expect(ok(parseBadgeAnyFormat(text)).display).toBe(display);
  });

  it('reads an all-digit 10-character badge as dec10 unless a format is configured', () => {
    const asDecimal = (100423215).toString(16).toUpperCase().padStart(8, '0');
    expect(ok(parseBadgeAnyFormat('0100423215')).keys[0]).toEqual({ width: 32, value: asDecimal });
    expect(ok(parseBadgeAnyFormat('0100423215', 'hex10')).keys[0]).toEqual({ width: 40, value: '0100423215' });
  });

  it.each(['', 'hello', '12345', '4B00423C1G', '999,99999', 'em4100:XYZ', 'mifare:123'])('refuses %j', (text) => {
    expect(isBadgeError(parseBadgeAnyFormat(text))).toBe(true);
  });
});

describe('out-of-range and malformed input is refused with a message', () => {
  it.each([
    ['4294967296', 'dec10'],
    ['16777216', 'dec8'],
    ['1099511627776', 'dec12'],
    ['256,1', 'fac,card'],
    ['1,65536', 'fac,card'],
    ['1EA686', 'hex-uid'],
    ['4294967296', 'dec-uid-reversed'],
  ] as const)('%s as %s', (text, format) => {
    const result = parseBadge(text, format);
    expect(isBadgeError(result)).toBe(true);
    expect((result as BadgeError).message.length).toBeGreaterThan(10);
  });
});

describe('bad input never throws', () => {
  it('parseBadge and parseBadgeAnyFormat on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom(...BADGE_FORMATS, 'nonsense' as never), (text, format) => {
        const a = parseBadge(text, format);
        const b = parseBadgeAnyFormat(text);
        for (const r of [a, b]) expect(isBadgeError(r) || r.keys.length > 0).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('fac,card and dec10 of any 24/32-bit number agree with hex10 of any card having those low bits', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 40n) - 1n }), (value) => {
        const hex = value.toString(16).toUpperCase().padStart(10, '0');
        const full = ok(parseBadge(hex, 'hex10'));
        const low32 = value & 0xffffffffn;
        const low24 = value & 0xffffffn;
        const facCard = `${Number(low24 >> 16n)},${Number(low24 & 0xffffn)}`;
        expect(badgesMatch(full, ok(parseBadge(String(low32).padStart(10, '0'), 'dec10')))).toBe(true);
        expect(badgesMatch(full, ok(parseBadge(String(low24).padStart(8, '0'), 'dec8')))).toBe(true);
        expect(badgesMatch(full, ok(parseBadge(facCard, 'fac,card')))).toBe(true);
        expect(badgesMatch(full, ok(parseBadge(String(value).padStart(12, '0'), 'dec12')))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

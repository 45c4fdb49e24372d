import { describe, expect, it } from 'vitest';
import { BadgeReader, type BadgeTap } from '../../../controller/src/readers/badge-reader.ts';
import { encodeRdm6300Frame } from '../../../controller/src/readers/badge/index.ts';

function reader(protocol: 'rdm6300' | 'wedge-line', format?: 'dec10' | 'fac,card') {
  let now = 0;
  const warnings: string[] = [];
  const r = new BadgeReader({ path: '/dev/null-not-opened', protocol, ...(format ? { format } : {}), holdWindowMs: 1000, now: () => now, log: { warn: (_d, m) => warnings.push(m) } });
  const taps: BadgeTap[] = [];
  r.onTap((t) => taps.push(t));
  return { r, taps, warnings, advance: (ms: number) => (now += ms) };
}

describe('BadgeReader (bytes in, taps out)', () => {
  it('reports a card held on an RDM6300 for 3 s as one tap', () => {
    const { r, taps, advance } = reader('rdm6300');
    for (let i = 0; i < 30; i++) {
      r.receive(encodeRdm6300Frame('4B00423C15'));
      advance(100);
    }
    expect(taps.map((t) => t.credential.display)).toEqual(['em4100:4B00423C15']);
  });

  it('reports a second tap after the card was away for the hold window', () => {
    const { r, taps, advance } = reader('rdm6300');
    r.receive(encodeRdm6300Frame('4B00423C15'));
    advance(1500);
    r.receive(encodeRdm6300Frame('4B00423C15'));
    expect(taps).toHaveLength(2);
  });

  it('reports another card at once, even inside the hold window', () => {
    const { r, taps } = reader('rdm6300');
    r.receive(Uint8Array.from([...encodeRdm6300Frame('4B00423C15'), ...encodeRdm6300Frame('01026F6C3A')]));
    expect(taps.map((t) => t.credential.display)).toEqual(['em4100:4B00423C15', 'em4100:01026F6C3A']);
  });

  it('refuses a bad checksum with a warning that does not contain the card number', () => {
    const { r, taps, warnings } = reader('rdm6300');
    const frame = encodeRdm6300Frame('4B00423C15');
    frame[12] = 0x31;
    r.receive(frame);
    expect(taps).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).not.toMatch(/4B00423C15|423C15/i);
  });

  it('reads wedge lines in the configured format, one tap per hold', () => {
    const { r, taps } = reader('wedge-line', 'fac,card');
    r.receive(Buffer.from('066,15381\r\n066,15381\r\n'));
    expect(taps).toHaveLength(1);
    expect(taps[0]!.credential.keys).toEqual([{ width: 24, value: '423C15' }]);
  });

  it('needs a format for wedge lines', () => {
    expect(() => new BadgeReader({ path: '/x', protocol: 'wedge-line' })).toThrow(/format/);
  });
});

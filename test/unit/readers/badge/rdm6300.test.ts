import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeRdm6300Frame, Rdm6300Decoder, type Rdm6300Event } from '../../../../controller/src/readers/badge/index.ts';
import { badges, hexBytes } from './badges-fixture.ts';

const cards = (events: Rdm6300Event[]): string[] =>
  events.flatMap((e) => (e.kind === 'card' ? [e.credential.display] : []));

describe('RDM6300 streaming decoder', () => {
  it('builds the same frames as the fixture', () => {
    const read = badges.same_card[1]!.reads[0]!;
    expect([...encodeRdm6300Frame('01026F6C3A')]).toEqual([...hexBytes(read.bytes!)]);
  });

  it('reads a stream split at any byte the same as in one piece', () => {
    const stream = Uint8Array.from([
      ...hexBytes(badges.bad_frames[2]!.bytes),
      ...hexBytes(badges.same_card[1]!.reads[0]!.bytes!),
      ...hexBytes(badges.bad_frames[1]!.bytes),
      ...hexBytes(badges.same_card[0]!.reads[0]!.bytes!),
      0x0d,
      0x0a,
    ]);
    const whole = new Rdm6300Decoder().push(stream);
    expect(cards(whole)).toEqual(['em4100:4B00423C15', 'em4100:01026F6C3A', 'em4100:4B00423C15']);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 8 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const decoder = new Rdm6300Decoder();
        const events: Rdm6300Event[] = [];
        let from = 0;
        for (const at of [...points, stream.length]) {
          events.push(...decoder.push(stream.subarray(from, at)));
          from = at;
        }
        expect(events).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a frame with a non-hex byte or a missing ETX, then reads the next one', () => {
    const good = encodeRdm6300Frame('4B00423C15');
    const nonHex = Uint8Array.from([0x02, 0x34, 0x5a, ...good.subarray(3)]);
    const noEtx = Uint8Array.from([...good.subarray(0, 13), 0x0d]);
    const events = new Rdm6300Decoder().push(Uint8Array.from([...nonHex, ...noEtx, ...good]));
    expect(events.filter((e) => e.kind === 'refused').map((e) => e.kind === 'refused' && e.reason)).toEqual(['garbage', 'cut']);
    expect(cards(events)).toEqual(['em4100:4B00423C15']);
  });

  it('never throws on random bytes and only yields cards whose checksum holds', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        for (const e of new Rdm6300Decoder().push(bytes)) {
          if (e.kind === 'card') expect(e.credential.keys[0]!.width).toBe(40);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('finds a valid frame buried in random noise without STX bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 50 }), (noise) => {
        const clean = noise.filter((b) => b !== 0x02);
        expect(cards(new Rdm6300Decoder().push(Uint8Array.from([...clean, ...encodeRdm6300Frame('01026F6C3A')])))).toEqual([
          'em4100:01026F6C3A',
        ]);
      }),
      { numRuns: 200 },
    );
  });
});

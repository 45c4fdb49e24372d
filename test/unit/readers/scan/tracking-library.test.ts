import { describe, expect, it } from 'vitest';
import { LIBRARY_FORMATS, libraryAccepts, libraryHasFormat } from '../../../../controller/src/readers/scan/tracking-library.ts';
import { dhlMod7Valid, fedex12Valid, gs1Mod10Valid, upsValid } from '../../../../controller/src/readers/scan/check-digits.ts';
import { digits, withDhlCheck, withFedex12Check, withMod10, withUpsCheck } from './label-numbers.ts';

describe('ts-tracking-number adapter', () => {
  it('still finds every library format the scan normaliser relies on', () => {
    for (const format of LIBRARY_FORMATS) expect(libraryHasFormat(format), format).toBe(true);
  });

  it('agrees with our own check-digit arithmetic on valid and broken numbers', () => {
    for (let seed = 0; seed < 30; seed++) {
      const ups = withUpsCheck(`${digits(seed, 6)}03${digits(seed + 1, 7)}`);
      const fedex = withFedex12Check(digits(seed, 11));
      const dhl = withDhlCheck(digits(seed, 9));
      const ground = withMod10(digits(seed, 14));
      const broken = (n: string): string => n.slice(0, -1) + String((Number(n.at(-1)) + 3) % 10);
      for (const n of [ups, broken(ups)]) expect(libraryAccepts('UPS', n)).toBe(upsValid(n));
      for (const n of [fedex, broken(fedex)]) expect(libraryAccepts('FedEx Express (12)', n)).toBe(fedex12Valid(n));
      for (const n of [dhl, broken(dhl)]) expect(libraryAccepts('DHL Express', n)).toBe(dhlMod7Valid(n));
      for (const n of [ground, broken(ground)]) expect(libraryAccepts('FedEx Ground', n)).toBe(gs1Mod10Valid(n));
    }
  });
});

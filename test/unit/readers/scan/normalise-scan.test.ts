import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normaliseScan } from '../../../../controller/src/readers/scan/index.ts';
import type { ScanResult } from '../../../../controller/src/readers/scan/index.ts';
import {
  breakCheck,
  digits,
  withDhlCheck,
  withFedex12Check,
  withMod10,
  withS10Check,
  withUpsCheck,
} from './label-numbers.ts';

interface ScanRow {
  id: string;
  raw: string;
  expect: { tracking?: string; carrier?: string; zip?: string; country?: string; service?: string; status?: string; reason?: string };
}

const fixturePath = new URL('../../../../../shared/fixtures/scans.json', import.meta.url);
const rows = JSON.parse(readFileSync(fixturePath, 'utf8')) as ScanRow[];

function expectOk(result: ScanResult): Extract<ScanResult, { status: 'ok' }> {
  expect(result.status, JSON.stringify(result)).toBe('ok');
  return result as Extract<ScanResult, { status: 'ok' }>;
}

describe('normaliseScan on every scans.json row', () => {
  it.each(rows.map((r) => [r.id, r] as const))('%s', (_id, row) => {
    const result = normaliseScan(row.raw);
    expect(result.raw).toBe(row.raw);
    expect(result.rawVisible).not.toMatch(/[\u0000-\u001f]/);
    const { status = 'ok', ...fields } = row.expect;
    expect(result).toMatchObject({ status, ...fields });
  });
});

describe('what scanners wrap around the label', () => {
  it('keeps the raw scan with control characters spelt out', () => {
    const result = normaliseScan(']C142078745\u001d9400111206206406260787\r\n');
    expect(result.rawVisible).toBe(']C142078745<GS>9400111206206406260787<CR><LF>');
  });

  it.each([['\r'], ['\n'], ['\r\n'], ['\n\r'], ['']])('strips the terminator %j', (end) => {
    expect(expectOk(normaliseScan(`1Z999AA10123456784${end}`)).tracking).toBe('1Z999AA10123456784');
  });

  it.each([']C0', ']A0', ']Q1', ']d1', ']I0'])('strips the AIM identifier %s', (aim) => {
    expect(expectOk(normaliseScan(`${aim}RR123456785CN\r`)).tracking).toBe('RR123456785CN');
  });

  it('strips configured keyboard-wedge prefixes and suffixes', () => {
    const options = { prefixes: ['SCN>', '#'], suffixes: ['<END', '\t'] };
    expect(expectOk(normaliseScan('SCN>986578788855<END\r\n', options)).tracking).toBe('986578788855');
    expect(expectOk(normaliseScan('#]C100006141411234567890\t\r', options)).tracking).toBe('006141411234567890');
  });

  it('strips Codabar start/stop letters', () => {
    expect(expectOk(normaliseScan('A986578788855B\r'))).toMatchObject({ tracking: '986578788855', carrier: 'fedex' });
    expect(expectOk(normaliseScan('c3318810025d\r'))).toMatchObject({ tracking: '3318810025', carrier: 'dhl' });
  });

  it('accepts lower case and spaced numbers typed by a person', () => {
    expect(expectOk(normaliseScan('1z999aa10123456784')).tracking).toBe('1Z999AA10123456784');
    expect(expectOk(normaliseScan('9400 1112 0620 6406 2607 87')).tracking).toBe('9400111206206406260787');
  });

  it('treats a leading GS as FNC1 when the scanner sends no AIM identifier', () => {
    expect(expectOk(normaliseScan('\u001d42078745\u001d9400111206206406260787'))).toMatchObject({
      tracking: '9400111206206406260787',
      zip: '78745',
    });
  });

  it('refuses a retail EAN-13 product code, even one shaped like a China Post number', () => {
    expect(normaliseScan(']E05901234123457\r').status).toBe('unknown');
    expect(normaliseScan(']E01104567890123\r').status).toBe('unknown');
    expect(normaliseScan('1104567890123\r').status).toBe('ok');
  });

  it('strips ]E0 in front of data that is not a product code', () => {
    expect(expectOk(normaliseScan(']E01Z999AA10123456784\r')).tracking).toBe('1Z999AA10123456784');
  });

  it.each([[''], ['\r\n'], ['   \n'], [']C1\r'], ['\u001d\r']])('reports %j as empty', (raw) => {
    expect(normaliseScan(raw).status).toBe('empty');
  });
});

describe('GS1 element strings', () => {
  it('reads AI 420 with a ZIP+4 ended by GS', () => {
    const tracking = withMod10(`9205590${digits(1, 14)}`);
    expect(expectOk(normaliseScan(`]C1420787451234\u001d${tracking}\r`))).toMatchObject({
      tracking,
      carrier: 'usps',
      zip: '78745-1234',
    });
  });

  it('reads AI 421 (ISO country + postcode) beside an SSCC', () => {
    const sscc = withMod10(`0${digits(2, 16)}`);
    expect(expectOk(normaliseScan(`]C1421276${'10115'}\u001d00${sscc}\r`))).toMatchObject({
      tracking: sscc,
      carrier: 'sscc',
      country: 'DE',
      zip: '10115',
    });
  });

  it('reads the human-readable (AI) form typed from under the barcode', () => {
    expect(expectOk(normaliseScan('(420) 78745 (94) 00111206206406260787'))).toMatchObject({
      tracking: '9400111206206406260787',
      zip: '78745',
    });
    expect(expectOk(normaliseScan('(00) 0 0614141 123456789 0'))).toMatchObject({ tracking: '006141411234567890', carrier: 'sscc' });
  });

  it('reads full-width characters typed with a Chinese input method', () => {
    expect(expectOk(normaliseScan('ＲＲ１２３４５６７８５ＣＮ'))).toMatchObject({ tracking: 'RR123456785CN', carrier: 'upu' });
  });

  it('refuses an SSCC whose check digit is wrong', () => {
    expect(normaliseScan(']C100006141411234567891\r')).toMatchObject({ status: 'invalid', reason: 'check digit', carrier: 'sscc' });
  });
});

describe('numbers made with each carrier’s published check-digit rule', () => {
  const seeds = [1, 2, 3, 4, 5, 6, 7, 8];

  it.each(seeds)('UPS 1Z number %#', (seed) => {
    const body = `${digits(seed, 6).replace(/^(\d)(\d)/, 'W$2')}${['01', '02', '03', '12', '13'][seed % 5]}${digits(seed + 50, 7)}`;
    const number = withUpsCheck(body);
    expect(expectOk(normaliseScan(`${number}\r\n`))).toMatchObject({ tracking: number, carrier: 'ups' });
    expect(normaliseScan(breakCheck(number))).toMatchObject({ status: 'invalid', reason: 'check digit', carrier: 'ups' });
  });

  it.each(seeds)('USPS IMpb 22, 26, 30 and 34 digits %#', (seed) => {
    const pic22 = withMod10(`9${(seed % 5) + 1}${digits(seed, 19)}`);
    const pic26 = withMod10(`9${(seed % 4) + 2}${digits(seed + 9, 23)}`);
    const zip = digits(seed + 3, 5);
    for (const [raw, tracking, expectedZip] of [
      [pic22, pic22, undefined],
      [pic26, pic26, undefined],
      [`420${zip}${pic22}`, pic22, zip],
      [`420${zip}${pic26}`, pic26, zip],
      [`420${zip}1234${pic22}`, pic22, `${zip}-1234`],
      [`]C1420${zip}\u001d${pic26}`, pic26, zip],
    ] as const) {
      const result = normaliseScan(`${raw}\r\n`);
      expect(expectOk(result)).toMatchObject({ tracking, carrier: 'usps' });
      expect((result as { zip?: string }).zip).toBe(expectedZip);
    }
    expect(normaliseScan(breakCheck(pic22))).toMatchObject({ status: 'invalid', carrier: 'usps' });
    expect(normaliseScan(`420${zip}${breakCheck(pic26)}`)).toMatchObject({ status: 'invalid', carrier: 'usps' });
  });

  const s10Cases = [
    ['RR', 'CN', 'registered', 'registered'],
    ['RA', 'DE', 'registered', 'registered'],
    ['VV', 'FR', 'insured', 'insured'],
    ['EE', 'US', 'express', 'express'],
    ['EA', 'JP', 'express', 'express'],
    ['CP', 'GB', 'parcel', undefined],
    ['LX', 'TW', 'tracked', undefined],
    ['UA', 'HK', 'letter', undefined],
  ] as const;
  it.each(s10Cases)('UPU S10 %s…%s', (prefix, country, service, hint) => {
    for (const seed of seeds) {
      const number = withS10Check(prefix, digits(seed, 8), country);
      const result = expectOk(normaliseScan(`${number}\n`));
      expect(result).toMatchObject({ tracking: number, carrier: 'upu', country, service });
      expect(result.serviceClassHint).toBe(hint);
      const wrong = `${number.slice(0, 10)}${(Number(number[10]) + 1) % 10}${country}`;
      expect(normaliseScan(wrong)).toMatchObject({ status: 'invalid', reason: 'check digit', carrier: 'upu' });
    }
  });

  it('refuses an S10 number from a country that does not exist', () => {
    expect(normaliseScan(withS10Check('RR', '12345678', 'XQ'))).toMatchObject({ status: 'invalid', carrier: 'upu' });
  });

  it.each(seeds)('SSCC behind AI 00 %#', (seed) => {
    const sscc = withMod10(`${seed % 10}${digits(seed, 16)}`);
    expect(expectOk(normaliseScan(`]C100${sscc}\r`))).toMatchObject({ tracking: sscc, carrier: 'sscc' });
    expect(expectOk(normaliseScan(`${sscc}\r`))).toMatchObject({ tracking: sscc, carrier: 'sscc' });
  });

  it.each(seeds)('DHL Express 10-digit mod 7 %#', (seed) => {
    const number = withDhlCheck(`${(seed % 9) + 1}${digits(seed, 8)}`);
    expect(expectOk(normaliseScan(number))).toMatchObject({ tracking: number, carrier: 'dhl' });
    const wrong = number.slice(0, -1) + String((Number(number.at(-1)) + 1) % 7);
    expect(normaliseScan(wrong)).toMatchObject({ status: 'invalid', reason: 'check digit', carrier: 'dhl' });
  });

  it.each(seeds)('FedEx Express 12-digit and its 34-digit barcode %#', (seed) => {
    const number = withFedex12Check(`${(seed % 9) + 1}${digits(seed, 10)}`);
    expect(expectOk(normaliseScan(number))).toMatchObject({ tracking: number, carrier: 'fedex' });
    const barcode = `1001${digits(seed, 11)}${digits(seed + 1, 5)}00${number}`;
    expect(barcode).toHaveLength(34);
    expect(expectOk(normaliseScan(`${barcode}\n`))).toMatchObject({ tracking: number, carrier: 'fedex' });
  });

  it.each(seeds)('FedEx Ground 15-digit and its 96 barcode %#', (seed) => {
    const number = withMod10(digits(seed, 14));
    expect(expectOk(normaliseScan(number))).toMatchObject({ tracking: number, carrier: 'fedex' });
    expect(expectOk(normaliseScan(`9612019${number}`))).toMatchObject({ tracking: number, carrier: 'fedex' });
  });

  it('reads Amazon, SF Express and China Post / EMS domestic numbers', () => {
    expect(expectOk(normaliseScan('TBA123456789012'))).toMatchObject({ carrier: 'amazon' });
    expect(expectOk(normaliseScan('TBC123456789012'))).toMatchObject({ carrier: 'amazon' });
    expect(expectOk(normaliseScan('SF123456789012'))).toMatchObject({ carrier: 'sf-express' });
    expect(expectOk(normaliseScan('9871234567890'))).toMatchObject({ carrier: 'china-post' });
    expect(expectOk(normaliseScan('1104567890123'))).toMatchObject({ carrier: 'ems', serviceClassHint: 'express' });
  });
});

describe('never picking silently, never guessing wildly', () => {
  it('offers both readings of a bare 20-digit 00+SSCC that is also a valid USPS 20 number', () => {
    const result = normaliseScan('00006141411234567890');
    expect(result.status).toBe('ambiguous');
    const candidates = (result as Extract<ScanResult, { status: 'ambiguous' }>).candidates;
    expect(candidates).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ carrier: 'sscc', tracking: '006141411234567890' }),
        expect.objectContaining({ carrier: 'usps', tracking: '00006141411234567890' }),
      ]),
    );
  });

  it('offers both splits of a 34-digit 420 label when both check digits pass', () => {
    // 420 + ZIP5 + 26-digit PIC whose digits 5–8 also read as a ZIP+4 before a valid 22-digit PIC.
    let found: string | undefined;
    for (let seed = 0; seed < 400 && !found; seed++) {
      const pic22 = withMod10(`94${digits(seed, 19)}`);
      const head = `9${(seed % 5) + 1}${digits(seed + 7, 2)}`;
      const candidate = `42012345${head}${pic22}`;
      const pic26 = candidate.slice(8);
      if (withMod10(pic26.slice(0, -1)) === pic26) found = candidate;
    }
    expect(found).toBeDefined();
    const result = normaliseScan(found!);
    expect(result.status).toBe('ambiguous');
  });

  it.each([
    'hello world',
    '12345',
    'ABCDEFGHIJ',
    '0000000000',
    '{"tracking":"1Z999AA10123456784"}',
    '1Z999AA1012345678',
    '\u0000\u0007\u001b[2J',
  ])('reports %j as unknown', (raw) => {
    expect(normaliseScan(raw).status).toBe('unknown');
  });

  it('reports a shape that fits one carrier only, with a wrong check digit, as invalid for that carrier', () => {
    expect(normaliseScan('986578788856')).toMatchObject({ status: 'invalid', reason: 'check digit', carrier: 'fedex' });
    expect(normaliseScan('3318810026')).toMatchObject({ status: 'invalid', reason: 'check digit', carrier: 'dhl' });
  });

  it('reports a shape several carriers share, failing every check digit, as unknown', () => {
    // 20 digits: USPS 20 and 00+SSCC both fit by shape.
    expect(normaliseScan(breakCheck('00006141411234567890')).status).toBe('unknown');
  });
});

describe('bad input never throws', () => {
  it('survives arbitrary strings and options', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }), (raw, affixes) => {
        const result = normaliseScan(raw, { prefixes: affixes, suffixes: affixes });
        expect(['ok', 'ambiguous', 'invalid', 'empty', 'unknown']).toContain(result.status);
        expect(result.raw).toBe(raw);
      }),
      { numRuns: 400 },
    );
  });

  it('survives label-like strings built from scanner characters', () => {
    const alphabet = fc.constantFrom(...'0123456789AZCE]1\u001d\r\n ');
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 40 }), (raw) => {
        expect(() => normaliseScan(raw)).not.toThrow();
      }),
      { numRuns: 400 },
    );
  });
});

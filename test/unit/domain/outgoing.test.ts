import { describe, expect, it } from 'vitest';
import { DEFAULT_CARRIER_RULES } from '../../../config/schema.ts';
import { checkDispatchTracking, isLate, suggestCarrier, type CarrierRule } from '../../../controller/src/domain/outgoing.ts';
import { DomainError } from '../../../controller/src/domain/types.ts';
import { normaliseScan, s10CheckDigit } from '../../../controller/src/readers/index.ts';

const rules: CarrierRule[] = DEFAULT_CARRIER_RULES.map((r) => ({ ...r, countries: [...r.countries] }));

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a refusal');
}

describe('suggestCarrier', () => {
  it('sends domestic standard letters by China Post and international express by a courier', () => {
    expect(suggestCarrier(rules, 'standard_letter', 'CN', 'CN')).toEqual({ carrier: 'china-post', product: 'Domestic letter', destination: 'domestic' });
    expect(suggestCarrier(rules, 'express', 'US', 'CN')).toEqual({ carrier: 'dhl', product: 'DHL Express Worldwide', destination: 'international' });
  });

  it('takes the first matching rule, so a country list can come before the general rule', () => {
    const withJapan: CarrierRule[] = [{ service: 'express', destination: 'international', countries: ['JP'], carrier: 'ems', product: 'EMS Japan' }, ...rules];
    expect(suggestCarrier(withJapan, 'express', 'jp', 'CN')?.carrier).toBe('ems');
    expect(suggestCarrier(withJapan, 'express', 'DE', 'CN')?.carrier).toBe('dhl');
  });

  it('suggests nothing when no rule matches', () => {
    expect(suggestCarrier([], 'registered', 'DE', 'CN')).toBeNull();
  });
});

describe('checkDispatchTracking', () => {
  const scan = (raw: string) => normaliseScan(raw);

  it('accepts a registered item with a valid UPU S10 registered number', () => {
    expect(checkDispatchTracking('registered', scan('RR123456785CN'))).toEqual({ tracking: 'RR123456785CN', carrier: 'upu' });
  });

  it('accepts S10 numbers built with the UPU check digit', () => {
    for (const serial of ['00000000', '12345678', '87654321', '55555555']) {
      const number = `RA${serial}${s10CheckDigit(serial)}DE`;
      expect(checkDispatchTracking('registered', scan(number)).tracking).toBe(number);
    }
  });

  it('refuses a wrong check digit with a message naming it', () => {
    const error = refusal(() => checkDispatchTracking('registered', scan('RB123456786US')));
    expect(error).toMatchObject({ code: 'invalid_tracking', status: 422 });
    expect(error.message).toMatch(/check digit/);
  });

  it('refuses a number of the wrong kind for the service', () => {
    expect(refusal(() => checkDispatchTracking('registered', scan('EE123456785CN'))).code).toBe('tracking_kind_mismatch');
    expect(refusal(() => checkDispatchTracking('registered', scan('1Z999AA10123456784'))).code).toBe('tracking_kind_mismatch');
    expect(refusal(() => checkDispatchTracking('express', scan('RR123456785CN'))).code).toBe('tracking_kind_mismatch');
  });

  it('takes courier numbers and EMS S10 numbers for express', () => {
    expect(checkDispatchTracking('express', scan('1Z999AA10123456784')).carrier).toBe('ups');
    expect(checkDispatchTracking('express', scan('SF1234567890123')).carrier).toBe('sf-express');
    expect(checkDispatchTracking('express', scan('EE123456785CN')).carrier).toBe('upu');
  });

  it('takes an S10 insured number or a courier number for insured items', () => {
    expect(checkDispatchTracking('insured', scan('VV123456785CN')).tracking).toBe('VV123456785CN');
    expect(checkDispatchTracking('insured', scan('1Z999AA10123456784')).carrier).toBe('ups');
    expect(refusal(() => checkDispatchTracking('insured', scan('RR123456785CN'))).code).toBe('tracking_kind_mismatch');
  });

  it('needs a number for every service but the standard letter', () => {
    expect(checkDispatchTracking('standard_letter', null)).toEqual({ tracking: null, carrier: null });
    for (const service of ['registered', 'express', 'insured'] as const) expect(refusal(() => checkDispatchTracking(service, null)).code).toBe('tracking_required');
  });
});

describe('isLate', () => {
  it('compares the delivery day in the mailroom time zone with the expected date', () => {
    // 2026-03-10 20:00 UTC is already 11 March in Shanghai.
    expect(isLate('2026-03-10', '2026-03-10T20:00:00Z', 'UTC')).toBe(false);
    expect(isLate('2026-03-10', '2026-03-10T20:00:00Z', 'Asia/Shanghai')).toBe(true);
    expect(isLate(null, '2030-01-01T00:00:00Z', 'UTC')).toBe(false);
  });
});

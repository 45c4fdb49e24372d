import { describe, expect, it } from 'vitest';
import { checkCode, drawPickupCode, normaliseEnteredCode } from '../../../controller/src/domain/pickup-code.ts';
import { AttemptThrottle, CODE_GUESSING_POLICY } from '../../../controller/src/domain/attempt-throttle.ts';
import { assertTransition, canTransition } from '../../../controller/src/domain/parcel-lifecycle.ts';

describe('pickup codes', () => {
  it('draws 8 digits, keeping leading zeros', () => {
    expect(drawPickupCode(() => 42)).toBe('00000042');
    expect(drawPickupCode(() => 3_999_999_999)).toBe('99999999');
  });

  it('rejects draws above the largest multiple of 10^8 (no modulo bias)', () => {
    const draws = [4_294_967_295, 4_000_000_000, 7];
    expect(drawPickupCode(() => draws.shift()!)).toBe('00000007');
  });

  it('accepts what people type with spaces or dashes, nothing else', () => {
    expect(normaliseEnteredCode('1234 5678')).toBe('12345678');
    expect(normaliseEnteredCode('1234-5678')).toBe('12345678');
    expect(normaliseEnteredCode('1234567')).toBeNull();
    expect(normaliseEnteredCode('1234567a')).toBeNull();
    expect(normaliseEnteredCode('１２３４５６７８')).toBeNull();
  });

  it('knows used and expired codes', () => {
    const now = new Date('2026-01-02T00:00:00Z');
    expect(checkCode({ expiresAt: '2026-01-03T00:00:00Z', usedAt: null }, now)).toBe('valid');
    expect(checkCode({ expiresAt: '2026-01-02T00:00:00Z', usedAt: null }, now)).toBe('expired');
    expect(checkCode({ expiresAt: '2026-01-03T00:00:00Z', usedAt: '2026-01-01T00:00:00Z' }, now)).toBe('used');
  });
});

describe('parcel lifecycle', () => {
  it('allows only the documented transitions', () => {
    expect(canTransition('awaiting_close', 'stored')).toBe(true);
    expect(canTransition('stored', 'pickup_open')).toBe(true);
    expect(canTransition('pickup_open', 'collected')).toBe(true);
    expect(canTransition('pickup_open', 'stored')).toBe(true);
    expect(canTransition('collected', 'stored')).toBe(false);
    expect(canTransition('stored', 'collected')).toBe(false);
    expect(canTransition('cancelled', 'stored')).toBe(false);
    expect(() => assertTransition('P1', 'collected', 'pickup_open')).toThrow(/collected/);
  });
});

describe('wrong-code throttling', () => {
  it('allows 5 failures, then delays with growing waits', () => {
    const t = new AttemptThrottle(CODE_GUESSING_POLICY);
    const now = new Date('2026-01-01T10:00:00Z');
    for (let i = 0; i < 5; i++) {
      expect(t.check('kiosk', now).allowed).toBe(true);
      expect(t.fail('kiosk', now)).toBe(false);
    }
    expect(t.fail('kiosk', now)).toBe(true);
    const first = t.check('kiosk', now);
    expect(first.allowed).toBe(false);
    const later = new Date(now.getTime() + 10_000);
    expect(t.check('kiosk', later).allowed).toBe(true);
    t.fail('kiosk', later);
    const second = t.check('kiosk', later);
    expect(!second.allowed && !first.allowed && second.retryAfterMs > first.retryAfterMs).toBe(true);
    expect(t.check('other-kiosk', later).allowed).toBe(true);
  });

  it('caps failures per day', () => {
    const t = new AttemptThrottle({ ...CODE_GUESSING_POLICY, baseDelayMs: 1, maxDelayMs: 1 });
    let now = new Date('2026-01-01T00:00:00Z');
    for (let i = 0; i < 100; i++) {
      now = new Date(now.getTime() + 10);
      t.fail('k', now);
    }
    const verdict = t.check('k', new Date(now.getTime() + 1000));
    expect(verdict).toMatchObject({ allowed: false, reason: 'daily_limit' });
    expect(t.check('k', new Date('2026-01-02T00:00:01Z')).allowed).toBe(true);
  });

  it('resets the consecutive count after a success', () => {
    const t = new AttemptThrottle(CODE_GUESSING_POLICY);
    const now = new Date('2026-01-01T10:00:00Z');
    for (let i = 0; i < 4; i++) t.fail('k', now);
    t.succeed('k', now);
    for (let i = 0; i < 5; i++) t.fail('k', now);
    expect(t.check('k', now).allowed).toBe(true);
  });
});

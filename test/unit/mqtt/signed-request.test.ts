import { describe, expect, it } from 'vitest';
import {
  canonicalString,
  parseSignedRequest,
  RequestRefused,
  signRequest,
  verifySignedRequest,
} from '../../../controller/src/mqtt/signed-request.ts';

const KEY = 'k'.repeat(40);
const base = { door: '12', requestId: 'req-00000001', issuedAt: 1_000_000, expiresAt: 1_000_020 };
const signed = (over: Partial<typeof base> = {}, name = 'open', wall = 'wall-1', key = KEY) => {
  const r = { ...base, ...over };
  return { ...r, signature: signRequest(key, name, wall, r) };
};
const verify = (r: ReturnType<typeof signed>, nowSeconds = 1_000_005, name = 'open', wallId = 'wall-1') =>
  verifySignedRequest(r, { key: KEY, name, wallId, nowSeconds, skewSeconds: 5 });
const refusal = (fn: () => void) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RequestRefused);
    return (error as RequestRefused).code;
  }
  return 'accepted';
};

describe('signed remote requests', () => {
  it('signs the request name, wall, door, request id, issue time and expiry', () => {
    expect(canonicalString('open', 'wall-1', base)).toBe('lockerwall-v1\nopen\nwall-1\n12\nreq-00000001\n1000000\n1000020');
    expect(signRequest(KEY, 'open', 'wall-1', base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts a correctly signed request inside its window', () => {
    expect(refusal(() => verify(signed()))).toBe('accepted');
  });

  it('refuses a signature made with another key, for another door, wall or request name', () => {
    expect(refusal(() => verify(signed({}, 'open', 'wall-1', 'x'.repeat(40))))).toBe('bad_signature');
    expect(refusal(() => verify({ ...signed(), door: '13' }))).toBe('bad_signature');
    expect(refusal(() => verify({ ...signed(), requestId: 'req-00000002' }))).toBe('bad_signature');
    expect(refusal(() => verify({ ...signed(), expiresAt: base.expiresAt + 10 }))).toBe('bad_signature');
    expect(refusal(() => verify(signed({}, 'open', 'wall-2')))).toBe('bad_signature');
    expect(refusal(() => verify(signed({}, 'identify')))).toBe('bad_signature');
  });

  it('refuses an expired request, one issued in the future and one valid for longer than 30 s', () => {
    expect(refusal(() => verify(signed(), base.expiresAt + 1))).toBe('expired');
    expect(refusal(() => verify(signed({ issuedAt: 1_000_100, expiresAt: 1_000_110 })))).toBe('not_yet_valid');
    expect(refusal(() => verify(signed({ expiresAt: base.issuedAt + 31 })))).toBe('lifetime_too_long');
    expect(refusal(() => verify(signed({ expiresAt: base.issuedAt })))).toBe('lifetime_too_long');
    expect(refusal(() => verify(signed({ expiresAt: base.issuedAt + 30 })))).toBe('accepted');
  });

  it('refuses malformed requests with a message naming the field', () => {
    expect(refusal(() => parseSignedRequest(null))).toBe('malformed');
    expect(refusal(() => parseSignedRequest({ ...signed(), door: 'A/+' }))).toBe('malformed');
    expect(refusal(() => parseSignedRequest({ ...signed(), requestId: 'x' }))).toBe('malformed');
    expect(refusal(() => parseSignedRequest({ ...signed(), issuedAt: '1000000' }))).toBe('malformed');
    expect(refusal(() => parseSignedRequest({ ...signed(), signature: 'abc' }))).toBe('malformed');
    expect(() => parseSignedRequest({ ...signed(), door: 5 })).toThrow(/"door"/);
    expect(parseSignedRequest({ ...signed(), transaction: 't1' }).transaction).toBe('t1');
  });
});

describe('building a signed request for tools', () => {
  it('produces a request the controller accepts, valid for at most 30 s', async () => {
    const { buildSignedRequest } = await import('../../../controller/src/mqtt/signed-request.ts');
    const r = buildSignedRequest({ name: 'open', wallId: 'wall-1', door: '12', key: KEY, nowSeconds: 1_000_000.7, ttlSeconds: 999, transaction: 't' });
    expect(r.expiresAt - r.issuedAt).toBe(30);
    expect(r.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(refusal(() => verify(r, 1_000_010))).toBe('accepted');
    expect(refusal(() => verify(parseSignedRequest(JSON.parse(JSON.stringify(r))), 1_000_010))).toBe('accepted');
  });
});

import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readTrackingPush, type TrackingPush } from '../../../controller/src/domain/outgoing-tracking-push.ts';
import { DomainError } from '../../../controller/src/domain/types.ts';

const secrets = { generic: 'g-secret', kuaidi100: 'k-salt', aftership: 'a-secret' };
const NOW = '2026-05-06T07:00:00.000Z';

function request(body: string, headers: Record<string, string> = {}): TrackingPush {
  return { body, header: (n) => headers[n.toLowerCase()], query: () => undefined };
}

function status(fn: () => unknown): number {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).status;
  }
  return 200;
}

function kuaidi100(state: string, salt = 'k-salt', nu = 'RR123456785CN') {
  const param = JSON.stringify({ status: 'polling', lastResult: { nu, com: 'ems', state, data: [{ context: '已签收', ftime: '2026-05-06 15:30:00' }] } });
  return request(new URLSearchParams({ param, sign: createHash('md5').update(param + salt).digest('hex').toUpperCase() }).toString());
}

function aftership(tag: string, subtag = '', secret = 'a-secret') {
  const body = JSON.stringify({ event: 'tracking_update', msg: { tracking_number: 'rr123456785cn', slug: 'china-ems', tag, subtag, checkpoints: [{ checkpoint_time: '2026-05-06T08:00:00+08:00', message: 'x' }] } });
  return request(body, { 'aftership-hmac-sha256': createHmac('sha256', secret).update(body).digest('base64') });
}

describe('readTrackingPush', () => {
  it('reads the generic format behind its shared secret', () => {
    const push = request(JSON.stringify({ tracking: 'rr123456785cn', status: 'delivered', at: '2026-05-06T09:00:00+02:00', detail: 'signed by J. Doe' }), { 'x-lockerwall-secret': 'g-secret' });
    expect(readTrackingPush('generic', push, secrets, NOW)).toEqual({ tracking: 'RR123456785CN', status: 'delivered', at: '2026-05-06T07:00:00.000Z', detail: { detail: 'signed by J. Doe' } });
  });

  it('refuses a missing or wrong secret, and every push when no secret is configured', () => {
    const body = JSON.stringify({ tracking: 'X1234', status: 'delivered' });
    expect(status(() => readTrackingPush('generic', request(body), secrets, NOW))).toBe(401);
    expect(status(() => readTrackingPush('generic', request(body, { 'x-lockerwall-secret': 'g-secreT' }), secrets, NOW))).toBe(401);
    expect(status(() => readTrackingPush('generic', request(body, { 'x-lockerwall-secret': '' }), { ...secrets, generic: '' }, NOW))).toBe(401);
    expect(status(() => readTrackingPush('kuaidi100', kuaidi100('3'), { ...secrets, kuaidi100: '' }, NOW))).toBe(401);
  });

  it('maps Kuaidi100 state codes and reads its China-time timestamps', () => {
    expect(readTrackingPush('kuaidi100', kuaidi100('3'), secrets, NOW)).toMatchObject({ tracking: 'RR123456785CN', status: 'delivered', at: '2026-05-06T07:30:00.000Z' });
    expect(readTrackingPush('kuaidi100', kuaidi100('0'), secrets, NOW).status).toBe('in_transit');
    expect(readTrackingPush('kuaidi100', kuaidi100('2'), secrets, NOW).status).toBe('exception');
    expect(readTrackingPush('kuaidi100', kuaidi100('4'), secrets, NOW).status).toBe('returned');
    expect(readTrackingPush('kuaidi100', kuaidi100('10'), secrets, NOW).status).toBeNull();
    expect(status(() => readTrackingPush('kuaidi100', kuaidi100('3', 'other-salt'), secrets, NOW))).toBe(401);
  });

  it('checks the AfterShip HMAC over the raw body and maps its tags', () => {
    expect(readTrackingPush('aftership', aftership('Delivered'), secrets, NOW)).toMatchObject({ tracking: 'RR123456785CN', status: 'delivered', at: '2026-05-06T00:00:00.000Z' });
    expect(readTrackingPush('aftership', aftership('OutForDelivery'), secrets, NOW).status).toBe('in_transit');
    expect(readTrackingPush('aftership', aftership('AttemptFail'), secrets, NOW).status).toBe('exception');
    expect(readTrackingPush('aftership', aftership('Exception', 'Exception_011'), secrets, NOW).status).toBe('returned');
    expect(readTrackingPush('aftership', aftership('InfoReceived'), secrets, NOW).status).toBeNull();
    expect(status(() => readTrackingPush('aftership', aftership('Delivered', '', 'wrong'), secrets, NOW))).toBe(401);
    const tampered = aftership('Exception');
    expect(status(() => readTrackingPush('aftership', { ...tampered, body: tampered.body.replace('Exception', 'Delivered') }, secrets, NOW))).toBe(401);
  });

  it('tells malformed bodies (400) from well-formed but invalid ones (422)', () => {
    const h = { 'x-lockerwall-secret': 'g-secret' };
    expect(status(() => readTrackingPush('generic', request('{', h), secrets, NOW))).toBe(400);
    expect(status(() => readTrackingPush('generic', request('[]', h), secrets, NOW))).toBe(422);
    expect(status(() => readTrackingPush('generic', request(JSON.stringify({ tracking: '', status: 'delivered' }), h), secrets, NOW))).toBe(422);
    expect(status(() => readTrackingPush('generic', request(JSON.stringify({ tracking: 'X1', status: 'delivered', at: 'yesterday' }), h), secrets, NOW))).toBe(422);
    expect(status(() => readTrackingPush('aftership', aftership('Teleported'), secrets, NOW))).toBe(422);
    expect(status(() => readTrackingPush('carrier-pigeon', request('{}'), secrets, NOW))).toBe(404);
  });
});

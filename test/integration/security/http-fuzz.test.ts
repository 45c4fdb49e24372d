import { appendFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deepNesting, mutateObject, mutateText, pick, randomString, randomValue, seededRng, type Rng } from './support/fuzz-inputs.ts';
import { startTestWall, type TestWall } from './support/in-process-wall.ts';

const RUNS = Number(process.env.LOCKERWALL_FUZZ_RUNS ?? 100_000);
const SEED = Number(process.env.LOCKERWALL_FUZZ_SEED ?? 20261203);
/** The lead polls this file while the suite runs; findings are appended the moment they happen. */
const FINDINGS_FILE = process.env.LOCKERWALL_FUZZ_FINDINGS;

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const ROUTES = [
  { method: 'POST', path: '/api/pickup', valid: () => ({ code: '12345678' }) },
  { method: 'POST', path: '/api/pickup', valid: () => ({ badge: '4B00423C15' }) },
  { method: 'POST', path: '/api/clerk/session', valid: () => ({ pin: '0000' }) },
  { method: 'POST', path: '/api/clerk/session', valid: () => ({ badge: '066,15381' }) },
  { method: 'POST', path: '/api/parcels', valid: () => ({ tracking: 'LWFUZZ0001', recipientId: 'E1003', size: 'S' }), clerk: true },
  { method: 'POST', path: '/api/parcels', valid: () => ({ scan: ']C1LWFUZZ0002\r\n', recipientId: 'E1007', classes: ['registered'] }), clerk: true },
  { method: 'GET', path: '/api/parcels', clerk: true },
  { method: 'GET', path: '/api/parcels/P0000000000000000', clerk: true },
  { method: 'POST', path: '/api/parcels/P0000000000000000/cancel', valid: () => ({ outOfService: 'hinge broken' }), clerk: true },
  { method: 'GET', path: '/api/recipients?q=li', clerk: true },
  { method: 'PATCH', path: '/api/admin/doors/3', valid: () => ({ enabled: true }), admin: true },
  { method: 'GET', path: '/api/doors' },
  { method: 'GET', path: '/api/health' },
  { method: 'POST', path: '/api/sim/doors/3/close' },
  { method: 'POST', path: '/api/sim/doors/4/open' },
] as const;

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'PROPFIND', 'TRACE'];
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json; charset=utf-16',
  'application/jsonx',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  '',
  'application/json, text/html',
];
const PATH_SEGMENTS = ['api', 'pickup', 'clerk', 'session', 'parcels', 'doors', 'admin', 'sim', 'close', 'open', 'cancel', 'recipients', 'events', 'health', '..', '.', '%00', '%zz', '%2e%2e', '李娜', '🔑', '', 'x'.repeat(300), '1', '-1', '999999999999'];

function randomPath(rng: Rng): string {
  const segments = Array.from({ length: 1 + Math.floor(rng() * 5) }, () => encodeURI(pick(rng, PATH_SEGMENTS)).replace(/%25/g, '%'));
  if (rng() < 0.8) segments[0] = 'api';
  let path = '/' + segments.join('/');
  if (rng() < 0.2) path += '?' + pick(rng, ['status=', 'status=stored', 'status=%zz', 'q=' + 'a'.repeat(500), 'recipientId=E1003&recipientId=E1004', 'tracking=%00', '&&==', 'status[]=1']);
  return path;
}

function buildRequest(rng: Rng, tokens: { clerk: string; admin: string }): FuzzRequest {
  const route = pick(rng, ROUTES);
  const headers: Record<string, string> = {};
  let method: string = route.method;
  let path: string = route.path;
  let body: string | undefined;

  if ('clerk' in route || 'admin' in route) {
    const token = 'admin' in route ? tokens.admin : tokens.clerk;
    headers.authorization = rng() < 0.8 ? `Bearer ${token}` : pick(rng, ['Bearer', `Bearer ${token} extra`, `bearer ${token}`, `Basic ${token}`, `Bearer ${randomString(rng)}`, 'Bearer \u00e9']);
  }
  if ('valid' in route) {
    const valid = route.valid() as Record<string, unknown>;
    const kind = rng();
    if (kind < 0.45) body = JSON.stringify(mutateObject(rng, valid));
    else if (kind < 0.75) body = mutateText(rng, JSON.stringify(valid));
    else if (kind < 0.85) body = JSON.stringify(randomValue(rng));
    else if (kind < 0.9) body = deepNesting(1 + Math.floor(rng() * 5000));
    else if (kind < 0.95) body = JSON.stringify({ ...valid, pad: 'x'.repeat(Math.floor(rng() * 80_000)) });
    else body = randomString(rng);
    headers['content-type'] = rng() < 0.85 ? 'application/json' : pick(rng, CONTENT_TYPES);
  }

  const twist = rng();
  if (twist < 0.1) method = pick(rng, METHODS);
  else if (twist < 0.25) path = randomPath(rng);
  else if (twist < 0.3) headers['content-length'] = pick(rng, ['0', '-1', '99999999999', 'abc', '1']);
  else if (twist < 0.33) headers['content-encoding'] = pick(rng, ['gzip', 'br', 'deflate', 'identity']);
  else if (twist < 0.36) headers.origin = pick(rng, ['https://evil.example', 'null', 'http://127.0.0.1:8080']);
  else if (twist < 0.38) headers.cookie = 'session=' + randomString(rng).replace(/[^\x21-\x7e]/g, '');

  // The SSE stream never ends; it has its own tests. Everything else is fair game.
  if (method === 'GET' && path.split('?')[0] === '/api/events') path = '/api/doors';
  if (method === 'GET' || method === 'HEAD') body = undefined;
  return { method, path, headers, body };
}

describe('HTTP API under 100,000 random and mutated requests', () => {
  let t: TestWall;
  const tokens = { clerk: '', admin: '' };

  beforeAll(async () => {
    t = await startTestWall({ doors: 24, inMemoryDisk: true });
    // Sessions made directly, from a source the fuzzer never throttles, so fuzzed sign-ins cannot lock the test out.
    tokens.clerk = (await t.wall.auth.loginWithPin('1234', 'fuzz-setup')).token;
    tokens.admin = (await t.wall.auth.loginWithPin('9876', 'fuzz-setup')).token;
  });

  afterAll(async () => {
    await t?.stop();
  });

  it('never answers with a 5xx status', { timeout: 300_000 }, async () => {
    const rng = seededRng(SEED);
    const failures: { status: number; request: FuzzRequest; response: string }[] = [];
    const statuses = new Map<number, number>();
    let unsendable = 0;
    for (let i = 0; i < RUNS; i++) {
      const request = buildRequest(rng, tokens);
      let init: RequestInit;
      try {
        init = { method: request.method, headers: new Headers(request.headers), body: request.body };
        new Request('http://localhost' + request.path, init);
      } catch {
        unsendable++; // e.g. a header value no HTTP client could send; not the server's concern
        continue;
      }
      const res = await t.app.request(request.path, init);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500) {
        const finding = { status: res.status, request: { ...request, body: request.body?.slice(0, 2000) }, response: (await res.text()).slice(0, 500) };
        failures.push(finding);
        if (FINDINGS_FILE) appendFileSync(FINDINGS_FILE, JSON.stringify({ seed: SEED, index: i, ...finding }) + '\n');
      } else {
        await res.body?.cancel();
      }
      // A deposit that opened a door waits for a hand; close it so the wall keeps free doors to fuzz with.
      if (i % 50 === 0) for (const d of t.config.doors) await t.closeDoor(d.id);
    }
    console.log(`fuzzed ${RUNS} requests (seed ${SEED}), ${unsendable} unsendable; statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(failures.slice(0, 5)).toEqual([]);
    expect(failures.length).toBe(0);
  });
});

import { serve, type ServerType } from '@hono/node-server';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWall, type TestWall } from './support/in-process-wall.ts';

/** Sends bytes no HTTP client library would, and returns what came back (or '' if the server hung up). */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    const timer = setTimeout(() => socket.destroy(), 5_000);
    socket.on('data', (d: Buffer) => {
      data += d.toString('latin1');
      if (/\r\n\r\n/.test(data) && /connection: close/i.test(data)) socket.end();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(data);
    });
  });
}

const statusOf = (response: string) => Number(/^HTTP\/1\.[01] (\d{3})/.exec(response)?.[1] ?? 0);

/** [request line and headers, body]: the test adds `Connection: close` and the blank line. */
const MALFORMED: [string, string][] = [
  ['GET /api/health HTTP/1.1\r\nHost: a b', ''],
  ['GET /api/health HTTP/1.1\r\nHost: [::1', ''],
  ['GET /api/health HTTP/1.1\r\nHost: x:99999', ''],
  ['GET /api/health HTTP/1.1\r\nHost: user@x', ''],
  ['GET /api/health HTTP/1.1', ''],
  ['GET http://evil.example/api/health HTTP/1.1\r\nHost: x', ''],
  ['OPTIONS * HTTP/1.1\r\nHost: x', ''],
  ['GET /api/% HTTP/1.1\r\nHost: x', ''],
  ['GET //api//health HTTP/1.1\r\nHost: x', ''],
  ['GET /api/health?%zz=%zz&a[]=1 HTTP/1.1\r\nHost: x', ''],
  ['GET /%E0%A4%A HTTP/1.1\r\nHost: x', ''],
  ['GET /api/health HTTP/1.1\r\nHost: x\r\nX-Bad: \u0001', ''],
  ['GET /api/health HTTP/9.9\r\nHost: x', ''],
  ['POST /api/pickup HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked', '0\r\n\r\n'],
  ['POST /api/pickup HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked', 'zz\r\n'],
  ['POST /api/pickup HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3', '{}'],
  ['POST /api/pickup HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 9', '{"code":1'],
  ['POST /api/pickup HTTP/1.1\r\nHost: x\r\nContent-Type: application/json; charset=utf-16\r\nContent-Length: 4', '\xff\xfe{\x00'],
];

const TRAVERSALS = [
  '/index.html/../../../package.json',
  '/..%2f..%2fpackage.json',
  '/%2e%2e/%2e%2e/package.json',
  '/%2e%2e%2f%2e%2e%2fpackage.json',
  '/..\\..\\package.json',
  '/....//....//package.json',
  '/%252e%252e/%252e%252e/package.json',
  '/install-secret.key',
  '/../install-secret.key',
  '/%2e%2e/install-secret.key',
  '/lockerwall.sqlite',
];

describe('raw HTTP on the real socket', () => {
  let t: TestWall;
  let server: ServerType;
  let port: number;

  beforeAll(async () => {
    t = await startTestWall({ doors: 24, inMemoryDisk: true });
    await new Promise<void>((resolve) => {
      server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
        port = info.port;
        resolve();
      });
    });
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await t?.stop();
  });

  it.each(MALFORMED)('answers a malformed request without a 5xx: %j', async (head, body) => {
    const response = await rawExchange(port, `${head}\r\nConnection: close\r\n\r\n${body}`);
    const status = statusOf(response);
    // Node may also just close the connection on garbage; what must never happen is a 5xx or a crash.
    if (response !== '') expect(status).toBeGreaterThanOrEqual(200);
    expect(status).toBeLessThan(500);
    expect(response).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  it.each(TRAVERSALS)('never serves a file from outside the UI folder: %s', async (path) => {
    const response = await rawExchange(port, `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    expect(statusOf(response)).toBeLessThan(500);
    expect(response).not.toMatch(/"dependencies"|better-sqlite3/);
    expect(response).not.toMatch(/SQLite format 3/);
    expect(response).not.toMatch(/^[0-9a-f]{64}$/m);
  });

  it('still serves after all of it', async () => {
    expect(statusOf(await rawExchange(port, 'GET /api/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'))).toBe(200);
  });
});

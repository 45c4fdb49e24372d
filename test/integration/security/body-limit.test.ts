import { serve, type ServerType } from '@hono/node-server';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clerkToken, startTestWall, type TestWall } from './support/in-process-wall.ts';

const TWENTY_MB = 20 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, '7');

interface Upload {
  status: number;
  body: string;
  /** bytes the client managed to write before the server answered. */
  sentBeforeAnswer: number;
}

/**
 * Streams a 20 MB JSON-ish body in 64 KB chunks, with or without Content-Length (chunked), and stops
 * writing as soon as the server answers — as a well-behaved client would, and as an attacker need not.
 */
function upload(port: number, path: string, withLength: boolean, headers: Record<string, string> = {}): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request({
      host: '127.0.0.1',
      port,
      path,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(withLength ? { 'content-length': String(TWENTY_MB) } : {}), ...headers },
    });
    req.on('response', (res) => {
      answered = true;
      const sentBeforeAnswer = sent;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), sentBeforeAnswer });
        req.destroy();
      });
      res.on('error', reject);
    });
    req.on('error', (error) => {
      // The server may close its end once it has answered; only an error before any answer is a failure.
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sent < TWENTY_MB) {
        sent += CHUNK.length;
        const more = req.write(sent === CHUNK.length ? Buffer.concat([Buffer.from('{"code":"'), CHUNK.subarray(9)]) : CHUNK);
        if (!more) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe('a 20 MB request body', () => {
  let t: TestWall;
  let server: ServerType;
  let port: number;
  let token: string;

  beforeAll(async () => {
    t = await startTestWall({ doors: 24, inMemoryDisk: true });
    token = await clerkToken(t);
    await new Promise<void>((resolve) => {
      server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
        port = info.port;
        resolve();
      });
    });
    expect((server.address() as AddressInfo).port).toBe(port);
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await t?.stop();
  });

  it.each([
    ['with Content-Length', true],
    ['chunked, without Content-Length', false],
  ])('is refused with 413 %s', { timeout: 120_000 }, async (_name, withLength) => {
    const res = await upload(port, '/api/pickup', withLength);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'body_too_large' } });
    if (withLength) expect(res.sentBeforeAnswer).toBeLessThan(TWENTY_MB);
  });

  it('is refused with 413 on a clerk route before the body is read', { timeout: 120_000 }, async () => {
    const chunked = await upload(port, '/api/parcels', false, { authorization: `Bearer ${token}` });
    expect(chunked.status).toBe(413);
    const declared = await upload(port, '/api/parcels', true, { authorization: `Bearer ${token}` });
    expect(declared.status).toBe(413);
  });

  it('keeps memory stable over repeated 20 MB uploads and keeps serving', { timeout: 300_000 }, async () => {
    // Warm up once, so allocator growth from the first request is not counted.
    await upload(port, '/api/pickup', false);
    const before = process.memoryUsage().rss;
    for (let i = 0; i < 10; i++) {
      const res = await upload(port, '/api/pickup', i % 2 === 0);
      expect(res.status).toBe(413);
    }
    const growth = process.memoryUsage().rss - before;
    // Ten uploads carry 200 MB; holding even one of them whole would show up as 20 MB or more.
    expect(growth).toBeLessThan(20 * 1024 * 1024);
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
  });
});

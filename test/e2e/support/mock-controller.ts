/**
 * A stand-in for the controller, for developing the kiosk UI alone (`LOCKERWALL_E2E_MOCK=1`).
 * It speaks the same HTTP/SSE contract in memory; the e2e suite runs against the real controller.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Controller } from './backend.ts';

const DIST = new URL('../../../kiosk-ui/dist/', import.meta.url);
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };
const RECIPIENTS = [
  { id: 'E1001', name: '王伟', nameLatin: 'Wang Wei', email: 'wang.wei@example.com', department: 'Finance', needsAccessibleDoor: false },
  { id: 'E1002', name: '王伟', nameLatin: 'Wang Wei', email: 'wang.wei2@example.com', department: 'R&D', needsAccessibleDoor: false },
  { id: 'E1003', name: '李娜', nameLatin: 'Li Na', email: 'li.na@example.com', department: 'Legal', needsAccessibleDoor: false },
  { id: 'E1007', name: "Sarah O'Connor", nameLatin: "Sarah O'Connor", email: 'sarah.oconnor@example.com', department: 'Legal', needsAccessibleDoor: true },
];
const SIZES = ['S', 'S', 'M', 'M', 'L', 'XL'] as const;

export async function startMockController(): Promise<Controller> {
  const dataDir = await mkdtemp(join(tmpdir(), 'lockerwall-mock-'));
  const doors = Array.from({ length: 24 }, (_, i) => ({
    door: String(i + 1), size: SIZES[i % 6]!, open: false, locked: true, occupied: false, fault: null as string | null,
    enabled: true, column: Math.floor(i / 6), row: i % 6, accessible: i % 6 >= 2 && i % 6 <= 4, secure: i >= 18,
  }));
  const parcels = new Map<string, { id: string; door: string; status: string; tracking: string; carrier: string | null; recipientId: string; code?: string; events: unknown[] }>();
  const clients = new Set<ServerResponse>();
  let seq = 0;
  const emit = (event: string, data: unknown) => { for (const c of clients) c.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`); };
  const setDoor = (id: string, open: boolean) => {
    const door = doors.find((d) => d.door === id);
    if (!door) return false;
    door.open = open;
    door.locked = !open;
    emit('door', door);
    if (!open) void closed(id);
    return true;
  };
  const closed = async (id: string) => {
    for (const p of parcels.values()) {
      if (p.door !== id) continue;
      if (p.status === 'awaiting_close') {
        p.status = 'stored';
        p.code = String(10_000_000 + Math.floor(Math.random() * 89_999_999));
        await appendFile(join(dataDir, 'notifications.jsonl'), JSON.stringify({ event: 'parcel.stored', recipientId: p.recipientId, parcelId: p.id, door: p.door, pickupCode: p.code }) + '\n');
        emit('parcel', { id: p.id, status: p.status, door: p.door });
      } else if (p.status === 'pickup_open') {
        p.status = 'collected';
        doors.find((d) => d.door === id)!.occupied = false;
        emit('parcel', { id: p.id, status: p.status, door: p.door });
      }
    }
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    const send = (status: number, body: unknown) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
    const fail = (status: number, code: string) => send(status, { error: { code, message: code } });
    const body = async () => JSON.parse((await readBody(req)) || '{}') as Record<string, string>;
    const authed = () => req.headers.authorization === 'Bearer mock-token';
    if (path === '/api/health') return send(200, { status: 'ok', wallId: 'mock', demo: true });
    if (path === '/api/doors') return send(200, { doors });
    if (path === '/api/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(': hi\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (path === '/api/pickup' && req.method === 'POST') {
      const b = await body();
      const mine = [...parcels.values()].filter((p) => p.status === 'stored' && (b.code ? p.code === b.code : b.badge === '4B00423C15' && p.recipientId === 'E1003'));
      if (!mine.length) return b.code ? fail(401, 'invalid_code') : fail(404, 'nothing_to_collect');
      for (const p of mine) { p.status = 'pickup_open'; setDoor(p.door, true); }
      return send(200, { doors: mine.map((p) => p.door), parcels: mine.map((p) => p.id) });
    }
    if (path === '/api/clerk/session') {
      if (req.method === 'DELETE') return send(200, {});
      const b = await body();
      if (b.pin !== '1234' && b.badge !== '0018226646') return fail(401, 'invalid_pin');
      return send(200, { token: 'mock-token', role: 'clerk', name: 'Demo clerk', expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    }
    if (path === '/api/pickup/report' && req.method === 'POST') {
      const b = (await body()) as unknown as { doors?: string[] };
      const reported = (b.doors ?? []).filter((d) => [...parcels.values()].some((p) => p.door === d && p.status === 'pickup_open'));
      return reported.length ? send(200, { reported }) : fail(409, 'nothing_to_report');
    }
    if (path.startsWith('/api/sim/doors/')) {
      const [, , , , id, action] = path.split('/');
      return setDoor(id!, action === 'open') ? send(200, {}) : fail(404, 'unknown_door');
    }
    if (path.startsWith('/api/') && !authed()) return fail(401, 'unauthorized');
    if (path === '/api/admin/audit') {
      const held = [...parcels.values()].filter((p) => p.status === 'stored' || p.status === 'pickup_open');
      return send(200, { doors: held.map((p) => ({ door: p.door, parcelId: p.id, tracking: p.tracking, recipientId: p.recipientId, status: p.status })) });
    }
    const staffOpen = /^\/api\/admin\/doors\/([^/]+)\/open$/.exec(path);
    if (staffOpen) {
      const parcel = [...parcels.values()].find((p) => p.door === staffOpen[1] && p.status === 'stored');
      const door = doors.find((d) => d.door === staffOpen[1]);
      if (!door) return fail(404, 'unknown_door');
      door.open = true;
      door.locked = false;
      emit('door', door);
      return send(200, { door: door.door, parcelId: parcel?.id ?? null });
    }
    const audit = /^\/api\/admin\/audit\/([^/]+)$/.exec(path);
    if (audit) {
      const b = await body();
      return send(200, { door: audit[1], parcelId: [...parcels.values()].find((p) => p.door === audit[1])?.id ?? null, result: b.result });
    }
    if (path === '/api/recipients') {
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      return send(200, { recipients: RECIPIENTS.filter((r) => [r.id, r.name, r.nameLatin, r.email].some((f) => f.toLowerCase().includes(q))) });
    }
    if (path === '/api/scans') {
      const b = await body();
      return send(200, { status: 'ok', tracking: b.raw, carrier: 'SF Express' });
    }
    if (path === '/api/parcels' && req.method === 'POST') {
      const b = (await body()) as unknown as { scan?: string; tracking?: string; recipientId: string; excludeDoors?: string[] };
      const door = doors.find((d) => !d.occupied && !d.open && !(b.excludeDoors ?? []).includes(d.door));
      if (!door) return fail(409, 'no_free_door');
      const id = `p${++seq}`;
      const parcel = { id, door: door.door, status: 'awaiting_close', tracking: b.tracking ?? b.scan ?? '', carrier: 'SF Express', recipientId: b.recipientId, events: [] };
      parcels.set(id, parcel);
      door.occupied = true;
      setDoor(door.door, true);
      return send(201, parcel);
    }
    const cancel = /^\/api\/parcels\/([^/]+)\/cancel$/.exec(path);
    if (cancel) {
      const p = parcels.get(cancel[1]!);
      if (!p) return fail(404, 'unknown_parcel');
      p.status = 'cancelled';
      const door = doors.find((d) => d.door === p.door)!;
      door.occupied = false;
      door.open = false;
      emit('door', door);
      return send(200, p);
    }
    const one = /^\/api\/parcels\/([^/]+)$/.exec(path);
    if (one) return parcels.has(one[1]!) ? send(200, parcels.get(one[1]!)) : fail(404, 'unknown_parcel');
    if (path === '/api/parcels') return send(200, { parcels: [...parcels.values()] });
    if (path.startsWith('/api/')) return fail(404, 'not_found');
    const file = path === '/' || !extname(path) ? 'index.html' : path.slice(1);
    try {
      const content = await readFile(new URL(file, DIST));
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(content);
    } catch {
      fail(404, 'not_found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const stop = async () => {
    for (const c of clients) c.end();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(dataDir, { recursive: true, force: true });
  };
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    dataDir,
    mqttPort: 0,
    stop,
    kill: stop,
    readNotifications: async () => (await readFile(join(dataDir, 'notifications.jsonl'), 'utf8').catch(() => '')).split('\n').filter(Boolean).map((l) => JSON.parse(l)),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => resolve(data));
  });
}

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Something that answers HTTP like the controller: the Hono app in-process, or fetch against a process. */
export type Http = (path: string, init?: { method?: string; body?: unknown; token?: string }) => Promise<{ status: number; body: any }>;

export function viaApp(app: { request(path: string, init?: RequestInit): Response | Promise<Response> }): Http {
  return async (path, init = {}) => {
    const headers: Record<string, string> = {};
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    const response = await app.request(path, {
      method: init.method ?? (init.body !== undefined ? 'POST' : 'GET'),
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    try {
      return { status: response.status, body: JSON.parse(text) };
    } catch {
      return { status: response.status, body: text };
    }
  };
}

export async function clerkToken(http: Http): Promise<string> {
  const r = await http('/api/clerk/session', { body: { pin: '1234' } });
  if (r.status !== 200) throw new Error(`clerk login failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token as string;
}

/** A clerk deposits a parcel for E1003 and closes the door; returns the parcel, its door and the plain code mailed. */
export async function depositAndStore(http: Http, dataDir: string, tracking: string, size = 'S'): Promise<{ id: string; door: string; code: string }> {
  const token = await clerkToken(http);
  const created = await http('/api/parcels', { body: { tracking, recipientId: 'E1003', size }, token });
  if (created.status !== 201) throw new Error(`deposit failed: ${created.status} ${JSON.stringify(created.body)}`);
  const { id, door } = created.body as { id: string; door: string };
  const closed = await http(`/api/sim/doors/${door}/close`, { method: 'POST' });
  if (closed.status !== 200) throw new Error(`closing door ${door} failed: ${closed.status}`);
  const deadline = Date.now() + 15_000;
  for (;;) {
    const text = await readFile(join(dataDir, 'notifications.jsonl'), 'utf8').catch(() => '');
    const message = text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { event: string; parcelId: string; pickupCode?: string })
      .find((m) => m.event === 'parcel.stored' && m.parcelId === id);
    if (message?.pickupCode) return { id, door: String(door), code: message.pickupCode };
    if (Date.now() > deadline) throw new Error(`no parcel.stored notification for ${id}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function waitUntil<T>(what: string, check: () => T | Promise<T>, timeoutMs = 10_000): Promise<Exclude<T, false | undefined | null>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false && value !== null) return value as Exclude<T, false | undefined | null>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

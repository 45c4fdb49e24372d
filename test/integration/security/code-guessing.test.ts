import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRng } from './support/fuzz-inputs.ts';
import { deliverNotifications, fillWall, MutableClock, startTestWall, type TestWall } from './support/in-process-wall.ts';

const PARCELS = 500;
const GUESSES = 10_000;
const RECIPIENTS = Array.from({ length: 20 }, (_, i) => `E${1001 + i}`);

async function pickup(t: TestWall, body: Record<string, string>) {
  return t.app.request('/api/pickup', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

describe('10,000 wrong pickup codes against a wall holding 500 parcels', () => {
  let t: TestWall;
  const clock = new MutableClock();
  const realCodes = new Set<string>();
  const alarms: { type: string }[] = [];

  beforeAll(async () => {
    t = await startTestWall({ doors: 520, clock, inMemoryDisk: true });
    t.wall.bus.on('alarm', (a) => alarms.push(a));
    const active = RECIPIENTS.filter((id) => t.wall.store.recipients.get(id)?.active);
    await fillWall(t, PARCELS, active);
    await deliverNotifications(t);
    for (const line of readFileSync(join(t.dataDir, 'notifications.jsonl'), 'utf8').trim().split('\n')) {
      const message = JSON.parse(line) as { pickupCode?: string };
      if (message.pickupCode) realCodes.add(message.pickupCode);
    }
  }, 300_000);

  afterAll(async () => {
    await t?.stop();
  });

  it('holds 500 stored parcels whose codes were delivered', () => {
    expect(t.wall.store.parcels.list({ status: 'stored', limit: 1000 })).toHaveLength(PARCELS);
    expect(realCodes.size).toBe(PARCELS);
  });

  it('opens no door, throttles the kiosk and raises a code-guessing alarm', { timeout: 300_000 }, async () => {
    const pulsesBefore = t.pulseCount();
    const rng = seededRng(8);
    const statuses = new Map<number, number>();
    for (let i = 0; i < GUESSES; i++) {
      let code: string;
      do code = String(Math.floor(rng() * 1e8)).padStart(8, '0');
      while (realCodes.has(code));
      const res = await pickup(t, { code });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      // A patient attacker: ten seconds between tries, so the growing delay and the daily cap both matter.
      clock.advance(10_000);
    }
    const days = Math.ceil((GUESSES * 10_000) / 86_400_000) + 1;
    expect(statuses.get(200) ?? 0).toBe(0);
    expect(t.pulseCount()).toBe(pulsesBefore);
    expect(statuses.get(429) ?? 0).toBeGreaterThan(GUESSES * 0.9);
    // The only guesses ever checked are the free ones and one per expired delay: at most 100 a day.
    expect(statuses.get(401) ?? 0).toBeLessThanOrEqual(100 * days);
    expect(alarms.filter((a) => a.type === 'code_guessing').length).toBeGreaterThan(0);
    expect(t.wall.store.parcels.list({ status: 'stored', limit: 1000 })).toHaveLength(PARCELS);
  });

  it('still lets an employee collect with their badge at the throttled kiosk', async () => {
    const pulsesBefore = t.pulseCount();
    const throttled = await pickup(t, { code: '00000000' });
    expect(throttled.status).toBe(429);
    const res = await pickup(t, { badge: '4B00423C15' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { doors: string[] };
    expect(body.doors.length).toBeGreaterThan(0);
    expect(t.pulseCount()).toBe(pulsesBefore + body.doors.length);
  });
});

import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SimBoard } from '../../../controller/src/hardware/sim-board.ts';
import { countResponses, metricsApp } from '../../../controller/src/ops/metrics-http.ts';
import { createWallMetrics, type WallMetrics } from '../../../controller/src/ops/wall-metrics.ts';
import { deliverNotifications, startTestWall, type TestWall } from '../../integration/security/support/in-process-wall.ts';
import { parsePrometheusText, sampleValue } from './prometheus-text.ts';

describe('GET /metrics on a working wall', () => {
  let t: TestWall;
  let metrics: WallMetrics;
  let app: Hono;

  beforeEach(async () => {
    t = await startTestWall({ doors: 24, inMemoryDisk: true });
    metrics = createWallMetrics(t.wall);
    app = new Hono();
    app.use('*', countResponses(metrics));
    app.route('/', metricsApp(metrics));
    app.route('/', t.app);
  });
  afterEach(async () => {
    metrics.dispose();
    await t.stop();
  });

  async function scrape() {
    const res = await app.request('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    return parsePrometheusText(await res.text());
  }

  it('counts door operations, their latency, parcels by status, the outbox queue and HTTP answers', async () => {
    const parcel = await t.wall.deposit.deposit({ tracking: 'LWMETRICS01', recipientId: 'E1003', actor: 'clerk:test' });
    await t.closeDoor(parcel.doorId!);
    let { samples } = await scrape();
    expect(sampleValue(samples, 'lockerwall_door_operations_total', { outcome: 'pulsed' })).toBe(1);
    expect(sampleValue(samples, 'lockerwall_door_open_duration_seconds_count')).toBe(1);
    expect(sampleValue(samples, 'lockerwall_parcels', { status: 'stored' })).toBe(1);
    expect(sampleValue(samples, 'lockerwall_outbox_pending')).toBe(1);
    expect(sampleValue(samples, 'lockerwall_doors', { state: 'occupied' })).toBe(1);
    expect(sampleValue(samples, 'lockerwall_parcel_events_total', { event: 'deposit', status: 'stored' })).toBe(1);

    await deliverNotifications(t);
    const pickup = await app.request('/api/pickup', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ badge: '4B00423C15' }) });
    expect(pickup.status).toBe(200);
    const wrong = await app.request('/api/pickup', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(wrong.status).toBe(400);

    ({ samples } = await scrape());
    expect(sampleValue(samples, 'lockerwall_door_operations_total', { outcome: 'pulsed' })).toBe(2);
    expect(sampleValue(samples, 'lockerwall_door_open_duration_seconds_count')).toBe(2);
    expect(sampleValue(samples, 'lockerwall_parcels', { status: 'pickup_open' })).toBe(1);
    expect(sampleValue(samples, 'lockerwall_parcels', { status: 'stored' })).toBe(0);
    expect(sampleValue(samples, 'lockerwall_outbox_pending')).toBe(0);
    expect(sampleValue(samples, 'lockerwall_http_responses_total', { class: '2xx' })).toBeGreaterThanOrEqual(2);
    expect(sampleValue(samples, 'lockerwall_http_responses_total', { class: '4xx' })).toBe(1);
  });

  it('counts a door that did not open as a failed operation and a door_failed alarm', async () => {
    const board = t.config.boards[0]!.id;
    t.wall.bus.emit('board', { board, state: 'online' });
    const open = vi.spyOn(SimBoard.prototype, 'open').mockRejectedValue(new Error('no answer from board'));
    try {
      await expect(t.wall.deposit.deposit({ tracking: 'LWMETRICS02', recipientId: 'E1003', actor: 'clerk:test' })).rejects.toThrow(/did not open/);
    } finally {
      open.mockRestore();
    }
    const { samples } = await scrape();
    expect(sampleValue(samples, 'lockerwall_door_operations_total', { outcome: 'failed' })).toBe(1);
    expect(sampleValue(samples, 'lockerwall_door_operations_total', { outcome: 'pulsed' })).toBeUndefined();
    expect(sampleValue(samples, 'lockerwall_alarms_total', { type: 'door_failed' })).toBe(1);
    expect(sampleValue(samples, 'lockerwall_doors', { state: 'faulted' })).toBe(1);
    expect(sampleValue(samples, 'lockerwall_board_online', { board })).toBe(1);
  });

  it('never puts a pickup code or badge number in the exposition', async () => {
    const parcel = await t.wall.deposit.deposit({ tracking: 'LWMETRICS03', recipientId: 'E1003', actor: 'clerk:test' });
    await t.closeDoor(parcel.doorId!);
    await app.request('/api/pickup', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ badge: '4B00423C15' }) });
    const text = await (await app.request('/metrics')).text();
    expect(text).not.toMatch(/4B00423C15|E1003|LWMETRICS03/);
  });
});

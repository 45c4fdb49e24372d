import { readFileSync } from 'node:fs';
import { openSync, writeSync, closeSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startController, waitFor, type RunningController } from '../../support/controller-process.ts';
import { clerkToken } from '../../support/flows.ts';
import { createPty, type PtyHarness } from '../../support/pty.ts';
import { openEventStream } from '../../support/sse-client.ts';

const badges = JSON.parse(readFileSync(new URL('../../../../shared/fixtures/badges.json', import.meta.url), 'utf8'));
const scans = JSON.parse(readFileSync(new URL('../../../../shared/fixtures/scans.json', import.meta.url), 'utf8'));
const hexBytes = (s: string) => Buffer.from(s.split(' ').map((b) => parseInt(b, 16)));

describe('serial scanner and RDM6300 badge reader at the kiosk', () => {
  let wall: RunningController;
  let badgePty: PtyHarness;
  let scannerPty: PtyHarness;
  let fds: number[] = [];

  beforeAll(async () => {
    badgePty = await createPty();
    scannerPty = await createPty();
    wall = await startController({
      config: { readers: { badge: { port: badgePty.b, protocol: 'rdm6300' }, scanner: { port: scannerPty.b } } },
    });
    fds = [openSync(badgePty.a, 'r+'), openSync(scannerPty.a, 'r+')];
  });

  afterAll(async () => {
    fds.forEach((fd) => closeSync(fd));
    await wall?.stop();
    await badgePty?.cleanup();
    await scannerPty?.cleanup();
  });

  it("opens E1003's door when her card is held on the RDM6300 reader, through a one-time tap id", async () => {
    const token = await clerkToken(wall);
    const created = await wall.api('/api/parcels', { body: { tracking: 'SERIAL-BADGE-1', recipientId: 'E1003' }, token });
    await wall.api(`/api/sim/doors/${created.body.door}/close`, { method: 'POST' });
    await waitFor(async () => (await wall.api(`/api/parcels/${created.body.id}`, { token })).body.status === 'stored', 'stored');

    const stream = await openEventStream(`${wall.baseUrl}/api/events`);
    try {
      const frame = hexBytes(badges.same_card[0].reads.find((r: { reader: string }) => r.reader === 'rdm6300').bytes);
      for (let i = 0; i < 5; i++) writeSync(fds[0]!, frame); // a card held on the reader repeats its frame
      const taps = await waitFor(() => stream.events.filter((e) => e.event === 'badge').length > 0 && stream.events.filter((e) => e.event === 'badge'), 'badge tap');
      await new Promise((r) => setTimeout(r, 300));
      expect(stream.events.filter((e) => e.event === 'badge')).toHaveLength(1);
      const tap = taps[0]!.data.tap as string;
      expect(JSON.stringify(stream.events)).not.toMatch(/4B00423C15/i);

      const pickup = await wall.api('/api/pickup', { body: { tap } });
      expect(pickup.status, JSON.stringify(pickup.body)).toBe(200);
      expect(pickup.body.doors).toEqual([created.body.door]);
      const replay = await wall.api('/api/pickup', { body: { tap } });
      expect(replay.status).toBe(410);
    } finally {
      await stream.close();
    }
  });

  it('refuses a card that is not enrolled', async () => {
    const stream = await openEventStream(`${wall.baseUrl}/api/events`);
    try {
      const stranger = Buffer.concat([Buffer.from([2]), Buffer.from('0A0B0C0D0E'), Buffer.from(((0x0a ^ 0x0b ^ 0x0c ^ 0x0d ^ 0x0e).toString(16).toUpperCase().padStart(2, '0'))), Buffer.from([3])]);
      writeSync(fds[0]!, stranger);
      const tap = await waitFor(() => stream.events.find((e) => e.event === 'badge'), 'badge tap');
      const pickup = await wall.api('/api/pickup', { body: { tap: tap.data.tap } });
      expect(pickup.status).toBe(404);
      expect(pickup.body.error.code).toBe('unknown_badge');
    } finally {
      await stream.close();
    }
  });

  it('sends each fixture label from the serial scanner to the clerk screens, normalised', async () => {
    const stream = await openEventStream(`${wall.baseUrl}/api/events`);
    try {
      const rows = scans.filter((s: { expect: { tracking?: string } }) => s.expect.tracking);
      for (const row of rows) writeSync(fds[1]!, Buffer.from(row.raw.endsWith('\n') || row.raw.endsWith('\r') ? row.raw : `${row.raw}\r\n`));
      // Labels with the same number in a burst are one scan (the repeat window), so wait for each number.
      const seen = () => stream.events.filter((e) => e.event === 'scan').map((e) => e.data);
      const found = (row: { expect: { tracking: string; carrier: string } }) => seen().some((s) => s.tracking === row.expect.tracking && s.carrier === row.expect.carrier);
      await waitFor(() => rows.every(found), 'all scans', 15_000).catch(() => undefined);
      for (const row of rows) expect(found(row), `${row.id} -> ${JSON.stringify(seen().map((s) => s.tracking))}`).toBe(true);
      expect(seen().length).toBe(new Set(rows.map((r: { expect: { tracking: string } }) => r.expect.tracking)).size);
    } finally {
      await stream.close();
    }
  });
});

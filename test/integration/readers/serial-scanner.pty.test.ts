import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SerialScanner } from '../../../controller/src/readers/serial-scanner.ts';
import type { ScanResult } from '../../../controller/src/readers/scan/index.ts';
import { openReaderPty, waitUntil, type ReaderPty } from '../../support/pty-readers.ts';

interface ScanRow {
  id: string;
  raw: string;
  expect: Record<string, string>;
}
const rows = JSON.parse(readFileSync(new URL('../../../../shared/fixtures/scans.json', import.meta.url), 'utf8')) as ScanRow[];

describe('serial scanner over a socat PTY pair', () => {
  let pty: ReaderPty;
  let scanner: SerialScanner;
  let scans: ScanResult[];
  let now: number;
  let warnings: string[];

  beforeEach(async () => {
    pty = await openReaderPty();
    now = 1_000_000;
    scans = [];
    warnings = [];
    scanner = new SerialScanner({
      path: pty.port,
      baudRate: 9600,
      repeatWindowMs: 1500,
      maxLineLength: 256,
      now: () => now,
      log: { warn: (_d, m) => warnings.push(m) },
    });
    scanner.onScan((s) => scans.push(s));
    expect(await scanner.start()).toBe(true);
  });

  afterEach(async () => {
    await scanner?.stop();
    await pty?.close();
  });

  /** a line that can only be the marker, to know everything written before it has been read. */
  async function sendMarker(n: number): Promise<void> {
    const marker = `MARKER ${n}`;
    await pty.send(`${marker}\r\n`);
    await waitUntil(() => scans.some((s) => s.raw === marker), marker);
  }

  it('delivers every scans.json row normalised', async () => {
    for (const [i, row] of rows.entries()) {
      now += 10_000; // a new parcel, outside the repeat window of the previous one
      const before = scans.length;
      await pty.send(row.raw);
      const { status = 'ok', ...fields } = row.expect;
      if (status === 'empty') {
        await sendMarker(i);
        expect(scans.slice(before).map((s) => s.raw)).toEqual([`MARKER ${i}`]);
        continue;
      }
      await waitUntil(() => scans.length > before, row.id);
      expect(scans[before], row.id).toMatchObject({ status, ...fields });
    }
  });

  it('reads CR, LF and CRLF endings, with no extra scan from CRLF', async () => {
    for (const [i, end] of ['\r', '\n', '\r\n', '\n\r'].entries()) {
      now += 10_000;
      await pty.send(`1Z999AA10123456784${end}`);
      await waitUntil(() => scans.length === i + 1, `scan ${i + 1}`);
    }
    await sendMarker(1);
    expect(scans.map((s) => s.status === 'ok' && s.tracking)).toEqual([
      '1Z999AA10123456784',
      '1Z999AA10123456784',
      '1Z999AA10123456784',
      '1Z999AA10123456784',
      false,
    ]);
  });

  it('turns a burst and a repeat of the same label into one scan', async () => {
    await pty.send('RR123456785CN\r\nRR123456785CN\r\nRR123456785CN\r\n');
    now += 500;
    await pty.send('RR123456785CN\r\n');
    await sendMarker(2);
    expect(scans.map((s) => s.raw)).toEqual(['RR123456785CN', 'MARKER 2']);
  });

  it('reassembles a label written a few bytes at a time', async () => {
    const raw = ']C142078745\u001d9400111206206406260787\r\n';
    for (let i = 0; i < raw.length; i += 3) await pty.send(raw.slice(i, i + 3));
    await waitUntil(() => scans.length === 1, 'the reassembled scan');
    expect(scans[0]).toMatchObject({ status: 'ok', carrier: 'usps', zip: '78745', tracking: '9400111206206406260787' });
  });

  it('survives over-long garbage and reads the next label', async () => {
    await pty.send(Buffer.alloc(4000, 0x58));
    await pty.send('\r\n3318810025\r\n');
    await waitUntil(() => scans.length === 1, 'the label after the garbage');
    expect(scans[0]).toMatchObject({ status: 'ok', carrier: 'dhl' });
    expect(warnings.some((w) => /over-long/.test(w))).toBe(true);
  });

  it('reconnects by itself after the cable is pulled and plugged back in', async () => {
    await pty.send('3318810025\r\n');
    await waitUntil(() => scans.length === 1, 'the first scan');
    await pty.unplug();
    await waitUntil(() => !scanner.connected, 'the scanner to notice the pulled cable');
    await pty.plug();
    await waitUntil(() => scanner.connected, 'the scanner to reopen the port', 20_000);
    now += 10_000;
    await pty.send('RR123456785CN\r\n');
    await waitUntil(() => scans.length === 2, 'a scan after replugging');
    expect(scans[1]).toMatchObject({ status: 'ok', carrier: 'upu' });
  });
});

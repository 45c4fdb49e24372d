import { describe, expect, it } from 'vitest';
import { SerialScanner } from '../../../controller/src/readers/serial-scanner.ts';
import type { ScanResult } from '../../../controller/src/readers/scan/index.ts';

function scanner(options: { repeatWindowMs?: number; prefixes?: string[]; maxLineLength?: number } = {}) {
  let now = 0;
  const warnings: string[] = [];
  const s = new SerialScanner({ path: '/dev/null-not-opened', ...options, now: () => now, log: { warn: (_d, m) => warnings.push(m) } });
  const scans: ScanResult[] = [];
  s.onScan((scan) => scans.push(scan));
  return { s, scans, warnings, advance: (ms: number) => (now += ms) };
}

const feed = (s: SerialScanner, text: string) => s.receive(Buffer.from(text, 'latin1'));

describe('SerialScanner (bytes in, scans out)', () => {
  it('reports one scan for a burst of the same label', () => {
    const { s, scans } = scanner();
    feed(s, '1Z999AA10123456784\r\n1Z999AA10123456784\r\n1Z999AA10123456784\r\n');
    expect(scans).toHaveLength(1);
    expect(scans[0]).toMatchObject({ status: 'ok', carrier: 'ups' });
  });

  it('reports the same label again once the repeat window has passed', () => {
    const { s, scans, advance } = scanner({ repeatWindowMs: 1500 });
    feed(s, 'RR123456785CN\r');
    advance(1000);
    feed(s, 'RR123456785CN\r');
    advance(1501);
    feed(s, 'RR123456785CN\r');
    expect(scans).toHaveLength(2);
  });

  it('treats two barcodes of one parcel (420+ZIP and plain) as one scan', () => {
    const { s, scans } = scanner();
    feed(s, ']C142078745\u001d9400111206206406260787\r9400111206206406260787\r');
    expect(scans).toHaveLength(1);
  });

  it('reports different labels in a burst each once', () => {
    const { s, scans } = scanner();
    feed(s, 'RR123456785CN\nEE123456025CN\nRR123456785CN\n');
    expect(scans.map((x) => (x.status === 'ok' ? x.tracking : x.status))).toEqual(['RR123456785CN', 'EE123456025CN']);
  });

  it('applies configured prefixes', () => {
    const { s, scans } = scanner({ prefixes: ['@@'] });
    feed(s, '@@986578788855\r');
    expect(scans[0]).toMatchObject({ status: 'ok', tracking: '986578788855' });
  });

  it('drops an over-long line with a warning and keeps working', () => {
    const { s, scans, warnings } = scanner({ maxLineLength: 64 });
    feed(s, 'Z'.repeat(5000));
    feed(s, '\r\n3318810025\r\n');
    expect(warnings).toHaveLength(1);
    expect(scans).toEqual([expect.objectContaining({ status: 'ok', carrier: 'dhl' })]);
  });

  it('keeps working when a listener throws', () => {
    const { s, scans } = scanner();
    s.onScan(() => {
      throw new Error('boom');
    });
    feed(s, '3318810025\r');
    expect(scans).toHaveLength(1);
  });

  it('stops delivering after unsubscribe', () => {
    const { s } = scanner();
    const got: ScanResult[] = [];
    const off = s.onScan((x) => got.push(x));
    off();
    feed(s, '3318810025\r');
    expect(got).toEqual([]);
  });
});

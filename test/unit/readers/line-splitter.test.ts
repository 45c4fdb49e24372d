import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LineSplitter } from '../../../controller/src/readers/line-splitter.ts';

const bytes = (s: string): Uint8Array => Buffer.from(s, 'utf8');

describe('LineSplitter', () => {
  it('splits on CR, LF and CRLF without an empty extra line', () => {
    const s = new LineSplitter(100);
    expect(s.push(bytes('A\rB\nC\r\nD\n\rE\r\n\r\n'))).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('keeps GS and other control characters inside a line', () => {
    expect(new LineSplitter(100).push(bytes(']C142078745\u001d94001\r'))).toEqual([']C142078745\u001d94001']);
  });

  it('holds a partial line until its terminator arrives', () => {
    const s = new LineSplitter(100);
    expect(s.push(bytes('1Z999AA1'))).toEqual([]);
    expect(s.push(bytes('0123456784\r'))).toEqual(['1Z999AA10123456784']);
    expect(s.push(bytes('\n'))).toEqual([]);
  });

  it('discards an over-long line, reports it once, and reads the next line', () => {
    const reports: number[] = [];
    const s = new LineSplitter(16, (n) => reports.push(n));
    expect(s.push(bytes('X'.repeat(40)))).toEqual([]);
    expect(s.push(bytes('Y'.repeat(40)))).toEqual([]);
    expect(s.push(bytes('\r\nRR123456785CN\r\n'))).toEqual(['RR123456785CN']);
    expect(reports).toEqual([80]);
  });

  it('decodes a UTF-8 character split across chunks', () => {
    const s = new LineSplitter(100);
    const data = bytes('包裹\r');
    expect([...s.push(data.subarray(0, 2)), ...s.push(data.subarray(2))]).toEqual(['包裹']);
  });

  it('gives the same lines however the stream is chunked', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('A', '1', '\r', '\n', '\u001d', 'é'), maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (text, cuts) => {
          const data = bytes(text);
          const whole = new LineSplitter(30).push(data);
          const s = new LineSplitter(30);
          const points = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
          const got: string[] = [];
          let from = 0;
          for (const at of [...points, data.length]) {
            got.push(...s.push(data.subarray(from, at)));
            from = at;
          }
          expect(got).toEqual(whole);
        },
      ),
      { numRuns: 300 },
    );
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../controller/src/services/csv.ts';

describe('parseCsv', () => {
  it('reads the HR fixture: BOM, CRLF, quoted commas', () => {
    const rows = parseCsv(readFileSync(new URL('../../../../shared/fixtures/directory.csv', import.meta.url), 'utf8'));
    expect(rows[0]!.fields[0]).toBe('employee_id');
    const zhang = rows.find((r) => r.fields[0] === 'E1019')!;
    expect(zhang.fields[1]).toBe('Dr. Zhang, Hui');
    expect(zhang.fields[9]).toBe('000,06925');
    expect(rows.every((r) => r.fields.length === rows[0]!.fields.length)).toBe(true);
  });

  it('handles doubled quotes, line breaks inside quotes, LF-only files and a missing final newline', () => {
    const rows = parseCsv('a,b\n"say ""hi""","two\nlines"\nx,y');
    expect(rows).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['say "hi"', 'two\nlines'] },
      { line: 4, fields: ['x', 'y'] },
    ]);
  });

  it('skips blank lines and reports an unclosed quote', () => {
    expect(parseCsv('a\r\n\r\nb\r\n').map((r) => r.fields)).toEqual([['a'], ['b']]);
    expect(() => parseCsv('a,"b\n')).toThrow(/never closed/);
  });
});

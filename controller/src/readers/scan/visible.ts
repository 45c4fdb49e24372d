const NAMED: Record<number, string> = {
  0x00: 'NUL',
  0x02: 'STX',
  0x03: 'ETX',
  0x04: 'EOT',
  0x09: 'TAB',
  0x0a: 'LF',
  0x0d: 'CR',
  0x1b: 'ESC',
  0x1c: 'FS',
  0x1d: 'GS',
  0x1e: 'RS',
  0x1f: 'US',
  0x7f: 'DEL',
};

/**
 * Spell out control characters so a raw scan can be shown to a clerk or an integrator.
 * @example showControlCharacters('420\u001d94\r\n') // '420<GS>94<CR><LF>'
 */
export function showControlCharacters(raw: string): string {
  let out = '';
  for (const ch of raw) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) {
      out += `<${NAMED[code] ?? `0x${code.toString(16).padStart(2, '0').toUpperCase()}`}>`;
    } else {
      out += ch;
    }
  }
  return out;
}

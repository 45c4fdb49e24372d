/** Seeded random inputs for fuzzing the HTTP API: the same seed gives the same 100,000 requests. */

export type Rng = () => number;

/** mulberry32: tiny, fast, good enough to spread fuzz inputs, and reproducible from one seed. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const int = (rng: Rng, max: number) => Math.floor(rng() * max);

const STRANGE_STRINGS = [
  '',
  ' ',
  '0',
  '-1',
  '12345678',
  '1234-5678',
  ' 1234 5678 ',
  '00000000',
  '99999999999999999999999',
  '1e308',
  'NaN',
  'null',
  'undefined',
  'true',
  '__proto__',
  'constructor',
  '\u0000',
  '\uD800',
  '\uDFFF\uD800',
  '李娜',
  '王伟\u200b',
  '🔑🔑🔑',
  'E1003',
  'e1003',
  '4B00423C15',
  '0004340757',
  '066,15381',
  '999,99999',
  'em4100:4B00423C15',
  '../../etc/passwd',
  '%00',
  '%zz',
  "'; DROP TABLE parcels; --",
  '<script>alert(1)</script>',
  '\r\n\r\n',
  'Bearer x',
  '1Z999AA10123456784',
  ']C1001234567890',
  'x'.repeat(33),
  'x'.repeat(65),
  'x'.repeat(513),
  '9'.repeat(400),
];

const STRANGE_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -0,
  1,
  -1,
  1.5,
  1e308,
  -1e308,
  5e-324,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  [],
  {},
  [null],
  { $gt: '' },
  { __proto__: { admin: true } },
  ['registered'],
  ['confidential', 'confidential'],
  Array(7).fill('standard'),
];

export function randomString(rng: Rng): string {
  switch (int(rng, 4)) {
    case 0:
      return pick(rng, STRANGE_STRINGS);
    case 1:
      return String(int(rng, 1e8)).padStart(8, '0');
    case 2: {
      const len = int(rng, 40);
      let s = '';
      for (let i = 0; i < len; i++) s += String.fromCharCode(int(rng, rng() < 0.8 ? 128 : 0x10000));
      return s;
    }
    default:
      return pick(rng, STRANGE_STRINGS) + String(int(rng, 1000));
  }
}

export function randomValue(rng: Rng, depth = 0): unknown {
  const r = rng();
  if (r < 0.4) return randomString(rng);
  if (r < 0.7) return pick(rng, STRANGE_VALUES);
  if (r < 0.8 && depth < 3) return Array.from({ length: int(rng, 4) }, () => randomValue(rng, depth + 1));
  if (r < 0.9 && depth < 3) return randomObject(rng, depth + 1);
  return rng() * 10 ** int(rng, 400) * (rng() < 0.5 ? -1 : 1);
}

const KEYS = ['code', 'badge', 'pin', 'scan', 'tracking', 'recipientId', 'size', 'classes', 'enabled', 'clearFault', 'outOfService', 'raw', '__proto__', 'constructor', ''];

function randomObject(rng: Rng, depth: number): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (let i = int(rng, 4); i > 0; i--) o[pick(rng, KEYS)] = randomValue(rng, depth);
  return o;
}

/** A valid body, then zero or more field-level mutations. */
export function mutateObject(rng: Rng, valid: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = { ...valid };
  for (let n = int(rng, 3); n > 0; n--) {
    const keys = Object.keys(body);
    switch (int(rng, 4)) {
      case 0:
        if (keys.length) body[pick(rng, keys)] = randomValue(rng);
        break;
      case 1:
        if (keys.length) delete body[pick(rng, keys)];
        break;
      case 2:
        body[pick(rng, KEYS)] = randomValue(rng);
        break;
      default:
        if (keys.length) body[pick(rng, keys)] = randomString(rng);
    }
  }
  return body;
}

/** Byte-level damage to a serialised body: flips, cuts, insertions, duplication. */
export function mutateText(rng: Rng, text: string): string {
  let s = text;
  for (let n = 1 + int(rng, 3); n > 0; n--) {
    const at = int(rng, s.length + 1);
    switch (int(rng, 6)) {
      case 0:
        s = s.slice(0, at) + s.slice(at + 1);
        break;
      case 1:
        s = s.slice(0, at) + pick(rng, ['{', '}', '[', ']', '"', ',', ':', '\\', '\\u', '\u0000', 'null', '1e999', '-', '\uD800']) + s.slice(at);
        break;
      case 2:
        s = s.slice(0, at);
        break;
      case 3:
        s = s + s;
        break;
      case 4:
        s = '\uFEFF' + s;
        break;
      default:
        s = s.slice(0, at) + String.fromCharCode(int(rng, 0x10000)) + s.slice(at + 1);
    }
  }
  return s;
}

export function deepNesting(depth: number): string {
  return '{"code":' + '['.repeat(depth) + ']'.repeat(depth) + '}';
}

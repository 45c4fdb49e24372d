/**
 * JavaScript and CSS the kiosk ships, per bundle, raw and gzip.
 * The employee screens (home, door open) load the entry chunk plus the start-up locale (zh-CN);
 * staff and admin screens are split off with dynamic import() and only load after "Mailroom staff".
 *   node --import tsx bench/ui-size.ts        (builds kiosk-ui/dist first when it is missing)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIST = `${ROOT}kiosk-ui/dist/`;
const MANIFEST = `${DIST}.vite/manifest.json`;
const EMPLOYEE_BUDGET_GZIP = 60 * 1024;

interface Chunk { file: string; src?: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[]; css?: string[] }

if (!existsSync(MANIFEST)) execFileSync('npm', ['run', 'build:ui'], { cwd: ROOT, stdio: 'inherit' });
const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, Chunk>;

function size(file: string) {
  const bytes = readFileSync(DIST + file);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** The chunk's own files plus everything it statically imports, minus what `already` holds. */
function closure(key: string, already = new Set<string>()): string[] {
  const files: string[] = [];
  const visit = (k: string) => {
    const chunk = manifest[k];
    if (!chunk || already.has(chunk.file) || files.includes(chunk.file)) return;
    files.push(chunk.file, ...(chunk.css ?? []));
    for (const i of chunk.imports ?? []) visit(i);
  };
  visit(key);
  return files.filter((f) => !already.has(f));
}

const kb = (n: number) => `${(n / 1024).toFixed(1).padStart(7)} KB`;
const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
const entry = closure(entryKey);
const shared = new Set(entry);
const bundles: [string, string[]][] = [
  ['employee (home, door open) + zh-CN', [...entry, ...closure('src/i18n/locales/zh-CN.ts', shared)]],
  ['  entry chunk alone (English)', entry],
  ['  zh-CN messages', closure('src/i18n/locales/zh-CN.ts', shared)],
  ['  zh-TW messages', closure('src/i18n/locales/zh-TW.ts', shared)],
  ['staff (login, deposit), lazy', closure('src/screens/staff/index.ts', shared)],
  ['admin (wall map, parcels), lazy', closure('src/screens/admin/index.ts', shared)],
];

console.log(`${'bundle'.padEnd(38)} ${'JS raw'.padStart(10)} ${'JS gzip'.padStart(10)} ${'CSS raw'.padStart(10)} ${'CSS gzip'.padStart(10)}`);
let employeeGzip = 0;
for (const [name, files] of bundles) {
  const sum = (ext: string, k: 'raw' | 'gzip') => files.filter((f) => f.endsWith(ext)).reduce((n, f) => n + size(f)[k], 0);
  console.log(`${name.padEnd(38)} ${kb(sum('.js', 'raw'))} ${kb(sum('.js', 'gzip'))} ${kb(sum('.css', 'raw'))} ${kb(sum('.css', 'gzip'))}`);
  if (name.startsWith('employee')) employeeGzip = sum('.js', 'gzip');
}
console.log(`\nemployee-screen JS: ${kb(employeeGzip).trim()} gzip of ${kb(EMPLOYEE_BUDGET_GZIP).trim()} budget — ${employeeGzip <= EMPLOYEE_BUDGET_GZIP ? 'within' : 'OVER'} budget`);

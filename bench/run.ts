/**
 * Runs every benchmark, each in its own process (so memory and timers of one never colour the
 * next), after a header naming the machine. Prints figures only; a missed target is not a failure,
 * but a benchmark that crashes makes the exit status 1.
 *   npm run bench [-- --quick] [-- --only=pickup-latency,sqlite-scale]
 *   --quick: small samples for CI (well under 2 minutes)
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');

/** In the order docs/benchmarks.md presents them. */
const BENCHMARKS = [
  'commit-latency',
  'open-latency',
  'pickup-latency',
  'pickup-throughput',
  'wall-1000',
  'sqlite-scale',
  'cold-start',
  'ui-size',
];

function cpuModel(): string {
  try {
    return /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

function run(name: string): Promise<number> {
  return new Promise((resolve) => {
    if (name === 'ui-size') console.log('\n## Kiosk JavaScript and CSS per screen, gzip\n');
    if (name === 'open-latency') console.log(`\n## LWP/1 OPEN round trip, driver to board simulator (bench/open-latency.ts)${quick ? ' (quick mode: smaller samples)' : ''}\n`);
    const child = spawn(process.execPath, ['--import', 'tsx', `bench/${name}.ts`, ...(quick ? ['--quick'] : [])], { cwd: ROOT, stdio: 'inherit' });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

console.log(`# Lockerwall benchmarks${quick ? ' (quick mode)' : ''}\n`);
console.log(`date:    ${new Date().toISOString()}`);
console.log(`machine: ${availableParallelism()} × ${cpuModel()}, ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM`);
console.log(`node:    ${process.version} (${process.platform} ${process.arch})`);
console.log(`load average at start: ${load()}`);

const started = Date.now();
const crashed: string[] = [];
for (const name of BENCHMARKS) {
  if (only && !only.includes(name)) continue;
  const code = await run(name);
  if (code !== 0) {
    crashed.push(name);
    console.log(`\n!! bench/${name}.ts stopped with exit status ${code}`);
  }
}
console.log(`\nall benchmarks: ${((Date.now() - started) / 1000).toFixed(0)} s; load average at the end: ${load()}`);
if (crashed.length) {
  console.log(`crashed: ${crashed.join(', ')}`);
  process.exitCode = 1;
}

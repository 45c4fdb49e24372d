/**
 * Cold start of the real controller process to its first HTTP 200 (GET /api/health), on a fresh data
 * directory with the default wall (demo directory import included), and its resident memory once
 * idle. Measured twice: through tsx (what `npm start` runs: TypeScript transpiled at start) and
 * from a precompiled esbuild bundle, to show what the transpile costs.
 *   node --import tsx bench/cold-start.ts [--quick]
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { callApi, closeConnections, REPO_ROOT, startControllerProcess, TSX_ENTRY } from './support/controller.ts';
import { heading, ms, msSince, quick, sleep, summarise, table, verdict } from './support/stats.ts';

const COLD_START_BUDGET_MS = 1500;
const IDLE_BUDGET_MB = 80;
export const V8_SMALL_HEAP = ['--max-semi-space-size=1', '--max-old-space-size=64'];

/**
 * Bundles controller/src/main.ts with esbuild into a temp dir. Every module's import.meta.url is
 * pinned to its source file, so the paths the controller derives from it (config/default.json, the
 * demo directory, kiosk-ui/dist, package.json) still point into the repository.
 */
async function bundleController(): Promise<{ entry: string[]; dir: string } | { error: string }> {
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch (error) {
    return { error: `esbuild is not installed (${(error as Error).message})` };
  }
  const dir = await mkdtemp(join(tmpdir(), 'lockerwall-bench-bundle-'));
  await symlink(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
  const outfile = join(dir, 'main.mjs');
  try {
    await esbuild.build({
      entryPoints: [join(REPO_ROOT, 'controller/src/main.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
      plugins: [
        {
          name: 'pin-import-meta-url',
          setup(build) {
            build.onLoad({ filter: /\.ts$/ }, (args) => ({
              contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
              loader: 'ts',
            }));
          },
        },
      ],
    });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    return { error: `esbuild could not bundle the controller: ${(error as Error).message.split('\n')[0]}` };
  }
  return { entry: [outfile], dir };
}

interface StartSample {
  listeningMs: number;
  firstOkMs: number;
  idleRssMb: number;
  childrenMb: number;
}

async function coldStart(entry: string[]): Promise<StartSample> {
  const dataDir = await mkdtemp(join(tmpdir(), 'lockerwall-bench-start-'));
  try {
    const c = await startControllerProcess({ dataDir, entry });
    try {
      for (;;) {
        const r = await callApi(c.baseUrl, 'GET', '/api/health').catch(() => ({ status: 0 }));
        if (r.status === 200) break;
        await sleep(5);
      }
      const firstOkMs = msSince(c.spawnedAt);
      const listeningMs = Number(c.listeningAt - c.spawnedAt) / 1e6;
      await sleep(quick ? 1000 : 3000);
      const m = c.memory();
      return { listeningMs, firstOkMs, idleRssMb: m.rssMb, childrenMb: m.childrenMb };
    } finally {
      await c.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

function bareNodeMs(args: string[]): number {
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = process.hrtime.bigint();
    spawnSync(process.execPath, args, { cwd: REPO_ROOT });
    samples.push(msSince(t0));
  }
  return summarise(samples).p50;
}

export async function runColdStart(): Promise<void> {
  heading('Cold start to the first HTTP 200 and idle memory (default wall: 24 simulated doors, fresh data dir)');
  const runs = quick ? 1 : 5;
  const variants: [string, string[]][] = [['tsx (npm start)', TSX_ENTRY]];
  const bundle = await bundleController();
  if ('entry' in bundle) {
    variants.push(['precompiled bundle', bundle.entry]);
    // V8 otherwise keeps start-up garbage resident: a small young generation and old-space cap
    variants.push(['bundle, small V8 heap', [...V8_SMALL_HEAP, ...bundle.entry]]);
  }
  try {
    const rows: (string | number)[][] = [['entry', 'runs', 'listening p50 ms', 'first 200 p50 ms', 'first 200 max ms', 'idle RSS MB', 'children MB', 'start target', 'RSS target']];
    for (const [name, entry] of variants) {
      if (!quick) await coldStart(entry); // warms the OS file cache and tsx's transpile cache, as on a running Pi
      const samples: StartSample[] = [];
      for (let i = 0; i < runs; i++) samples.push(await coldStart(entry));
      const first = summarise(samples.map((s) => s.firstOkMs));
      const rss = summarise(samples.map((s) => s.idleRssMb)).p50;
      rows.push([
        name,
        runs,
        ms(summarise(samples.map((s) => s.listeningMs)).p50, 0),
        ms(first.p50, 0),
        ms(first.max, 0),
        rss.toFixed(1),
        summarise(samples.map((s) => s.childrenMb)).p50.toFixed(1),
        `< ${COLD_START_BUDGET_MS} ms: ${verdict(first.p50 < COLD_START_BUDGET_MS)}`,
        `< ${IDLE_BUDGET_MB} MB: ${verdict(rss < IDLE_BUDGET_MB)}`,
      ]);
    }
    table(rows);
    if ('error' in bundle) console.log(`\nprecompiled start not measured: ${bundle.error}`);
    console.log(`\nfor scale: \`node -e ""\` starts in ${ms(bareNodeMs(['-e', '']), 0)} ms, \`node --import tsx -e ""\` in ${ms(bareNodeMs(['--import', 'tsx', '-e', '']), 0)} ms`);
  } finally {
    if ('dir' in bundle) await rm(bundle.dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  try {
    await runColdStart();
  } finally {
    closeConnections();
  }
}

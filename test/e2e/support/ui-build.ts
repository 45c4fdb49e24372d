import { execFile } from 'node:child_process';
import { mkdir, readdir, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const UI = join(ROOT, 'kiosk-ui');
const LOCK = join(UI, '.build-lock');

async function newestSource(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? await newestSource(path) : (await stat(path)).mtimeMs);
  }
  return newest;
}

async function isFresh(): Promise<boolean> {
  try {
    const built = (await stat(join(UI, 'dist', 'index.html'))).mtimeMs;
    const sources = Math.max(await newestSource(join(UI, 'src')), (await stat(join(UI, 'index.html'))).mtimeMs);
    return built >= sources;
  } catch {
    return false;
  }
}

/** Builds kiosk-ui/dist when it is missing or older than the sources; test files racing here build once. */
export async function ensureUiBuilt(): Promise<void> {
  if (await isFresh()) return;
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`Gave up waiting for ${LOCK}; delete it if no build is running`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (!(await isFresh())) await promisify(execFile)('npm', ['run', 'build:ui'], { cwd: ROOT });
  } finally {
    await rmdir(LOCK);
  }
}

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A running controller with that pid; after a reboot the pid may belong to some other program. */
function controllerRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return /lockerwall|controller[/\\]src[/\\]main/i.test(cmdline);
  } catch {
    return true;
  }
}

/**
 * One controller per data folder: two would share one door journal and could both answer a door.
 * A pid file left by a killed controller is taken over. Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, 'controller.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      return () => {
        if (readFileSync(path, 'utf8').trim() === String(process.pid)) rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && controllerRunning(pid))
        throw new Error(`the data folder ${dataDir} is in use by another controller (pid ${pid})`);
      rmSync(path, { force: true });
    }
  }
  throw new Error(`cannot lock the data folder ${dataDir}`);
}

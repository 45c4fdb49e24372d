import { Hono } from 'hono';
import { join, resolve } from 'node:path';
import type { LockerwallConfig } from '../../../config/schema.ts';
import type { ComposedWall } from '../composition.ts';
import type { Logger } from '../logger.ts';
import { BackupSchedule } from './backup-schedule.ts';
import { assertRoomForDeposit, type StatFs } from './disk-guard.ts';
import { countResponses, metricsApp } from './metrics-http.ts';
import { SystemdWatchdog } from './watchdog.ts';
import { createWallMetrics } from './wall-metrics.ts';

/** The `ops` settings; config/schema.ts should carry them (see docs/operations.md). */
export interface OpsSettings {
  backup: { dir: string; intervalHours: number; keep: number };
  minFreeDiskMb: number;
}

export const DEFAULT_OPS_SETTINGS: OpsSettings = { backup: { dir: '', intervalHours: 24, keep: 14 }, minFreeDiskMb: 50 };

/** The ops settings of a config, defaults filled in (until the schema has them, all defaults). */
export function opsSettings(config: LockerwallConfig): OpsSettings {
  const given = (config as { ops?: Partial<OpsSettings> & { backup?: Partial<OpsSettings['backup']> } }).ops ?? {};
  return {
    backup: { ...DEFAULT_OPS_SETTINGS.backup, ...given.backup },
    minFreeDiskMb: given.minFreeDiskMb ?? DEFAULT_OPS_SETTINGS.minFreeDiskMb,
  };
}

export interface StartOpsOptions {
  env?: NodeJS.ProcessEnv;
  statfs?: StatFs;
}

/**
 * Everything that keeps a wall running unattended, wired around a composed wall: Prometheus metrics,
 * the systemd watchdog, periodic backups, and the disk-full guard in front of every deposit.
 *
 * @example
 * const ops = await startOps(wall, log);                 // after wall.start()
 * const root = ops.withMetrics(createHttpApp({ ...wall, uiDir, log: ... }));
 * serve({ fetch: root.fetch, ... }, () => void ops.watchdog.ready(`serving on :${port}`));
 * await ops.stop();                                      // on SIGTERM, before wall.stop()
 */
export async function startOps(wall: ComposedWall, log: Logger, options: StartOpsOptions = {}) {
  const settings = opsSettings(wall.config);
  const dataDir = resolve(wall.config.dataDir);
  const metrics = createWallMetrics(wall);

  // Refuse a deposit before its transaction when the disk is nearly full: no door opens for a record
  // that might not be written. (Could equally be the first line of DepositService.deposit.)
  const deposit = wall.deposit.deposit.bind(wall.deposit);
  wall.deposit.deposit = async (request) => {
    assertRoomForDeposit(dataDir, settings.minFreeDiskMb * 1_048_576, options.statfs);
    return deposit(request);
  };

  const watchdog = new SystemdWatchdog({
    env: options.env,
    databaseHealthy: () => wall.store.db.prepare('SELECT 1 AS ok').get() !== undefined,
    log: (msg, extra) => log.warn(extra, msg),
  });

  const backups =
    settings.backup.intervalHours > 0
      ? new BackupSchedule({
          db: wall.store.db,
          dataDir,
          backupRoot: settings.backup.dir ? resolve(settings.backup.dir) : join(dataDir, 'backups'),
          intervalHours: settings.backup.intervalHours,
          keep: settings.backup.keep,
          log: (level, msg, extra) => log[level](extra, msg),
        })
      : undefined;
  await backups?.start();

  return {
    settings,
    metrics,
    watchdog,
    backups,
    /** The HTTP app with `GET /metrics` in front and every answer counted by status class. */
    withMetrics(app: Hono): Hono {
      const root = new Hono();
      root.use('*', countResponses(metrics));
      root.route('/', metricsApp(metrics));
      root.route('/', app);
      return root;
    },
    async stop() {
      await watchdog.stop();
      await backups?.stop();
      wall.deposit.deposit = deposit;
      metrics.dispose();
    },
  };
}

export type RunningOps = Awaited<ReturnType<typeof startOps>>;

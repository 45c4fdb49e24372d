import { join } from 'node:path';
import { createBackup, listBackups, pruneBackups, type BackupResult } from './backup.ts';
import type { Db } from '../store/database.ts';

export interface BackupScheduleOptions {
  db: Db;
  dataDir: string;
  /** default `<dataDir>/backups`; better on another disk. */
  backupRoot?: string;
  intervalHours: number;
  /** how many backups to keep; older ones are deleted after each new one. */
  keep: number;
  now?: () => Date;
  log?: (level: 'info' | 'error', msg: string, extra: Record<string, unknown>) => void;
}

/** setTimeout cannot wait longer than 2^31-1 ms (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Parses the name back to its time; the names are made by backupName(). */
function takenAt(name: string): number {
  const m = /^lockerwall-(\d{4}-\d\d-\d\d)T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z/.exec(name);
  return m ? Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`) : 0;
}

/**
 * Periodic backups with retention. After a restart the next backup is due one interval after the newest
 * existing one, so frequent restarts neither skip backups nor pile them up.
 */
export class BackupSchedule {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<BackupResult | undefined> | undefined;
  private stopped = true;
  readonly backupRoot: string;

  constructor(private readonly options: BackupScheduleOptions) {
    if (!(options.intervalHours > 0)) throw new Error(`backup interval must be more than 0 hours (got ${options.intervalHours})`);
    if (!Number.isInteger(options.keep) || options.keep < 1) throw new Error(`backups to keep must be a whole number of at least 1 (got ${options.keep})`);
    this.backupRoot = options.backupRoot ?? join(options.dataDir, 'backups');
  }

  async start(): Promise<void> {
    this.stopped = false;
    const newest = (await listBackups(this.backupRoot)).at(-1);
    const dueIn = newest ? takenAt(newest) + this.intervalMs() - this.now().getTime() : 0;
    this.schedule(Math.max(0, dueIn));
  }

  /** Stops the timer and waits for a backup in progress to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One backup now, then pruning; a failure is logged and the schedule goes on. */
  runNow(): Promise<BackupResult | undefined> {
    this.running ??= this.backupAndPrune().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async backupAndPrune(): Promise<BackupResult | undefined> {
    try {
      const result = await createBackup({ db: this.options.db, dataDir: this.options.dataDir, backupRoot: this.backupRoot, now: this.now() });
      const removed = await pruneBackups(this.backupRoot, this.options.keep);
      this.options.log?.('info', 'backup written', { backup: result.dir, bytes: result.bytes, removed });
      return result;
    } catch (error) {
      this.options.log?.('error', 'backup failed — the previous backups are kept', { error: (error as Error).message, backupRoot: this.backupRoot });
      return undefined;
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.runNow().then(() => this.schedule(this.intervalMs()));
    }, Math.min(delayMs, MAX_TIMER_MS));
    this.timer.unref();
  }

  private intervalMs(): number {
    return this.options.intervalHours * 3_600_000;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}

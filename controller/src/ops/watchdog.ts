import { execFile } from 'node:child_process';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** Delivers `KEY=value` fields to systemd; rejects when they could not be delivered. */
export type NotifySender = (fields: string[]) => Promise<void>;

/**
 * Node has no unix datagram sockets, so the fields go through `systemd-notify`, which reads
 * NOTIFY_SOCKET from the environment. Since systemd 246 it waits on a barrier until systemd has read
 * the message, so the message is still credited to this service after the helper exits; the unit
 * needs `NotifyAccess=all` because the sender is a child process. Returns undefined when not started
 * by systemd (no NOTIFY_SOCKET): then nothing is ever spawned.
 */
export function systemdNotifySender(env: NodeJS.ProcessEnv = process.env): NotifySender | undefined {
  if (!env.NOTIFY_SOCKET) return undefined;
  return (fields) =>
    new Promise((resolve, reject) => {
      execFile('systemd-notify', fields, { env, timeout: 10_000 }, (error, _stdout, stderr) =>
        error ? reject(new Error(`systemd-notify ${fields.join(' ')} failed: ${stderr.trim() || error.message}`)) : resolve(),
      );
    });
}

export interface WatchdogOptions {
  env?: NodeJS.ProcessEnv;
  /** true while the database answers, e.g. `() => db.prepare('SELECT 1').get() !== undefined`. */
  databaseHealthy: () => boolean;
  /** a longer stall of the event loop since the last ping withholds the next one. */
  maxLoopLagMs?: number;
  send?: NotifySender;
  log?: (msg: string, extra: Record<string, unknown>) => void;
}

export type WatchdogVerdict = { healthy: true } | { healthy: false; reason: string };

/**
 * The systemd side of `Type=notify`: READY=1 once the controller serves, and WATCHDOG=1 at half the
 * WatchdogSec interval — but only while the event loop is responsive and the database answers, so a
 * wedged controller stops pinging and systemd restarts it.
 *
 * @example
 * const watchdog = new SystemdWatchdog({ databaseHealthy: () => db.prepare('SELECT 1').get() !== undefined });
 * await watchdog.ready('serving on :8080'); // after the HTTP server listens
 * await watchdog.stop(); // on SIGTERM
 */
export class SystemdWatchdog {
  private readonly send: NotifySender | undefined;
  private readonly intervalMs: number | undefined;
  private readonly maxLoopLagMs: number;
  private readonly loopDelay: IntervalHistogram;
  private timer: NodeJS.Timeout | undefined;
  private inFlight = false;

  constructor(private readonly options: WatchdogOptions) {
    const env = options.env ?? process.env;
    this.send = env.NOTIFY_SOCKET ? (options.send ?? systemdNotifySender(env)) : undefined;
    const usec = Number(env.WATCHDOG_USEC);
    // WATCHDOG_PID names the process meant to ping; if it is another one, this process stays quiet.
    const forUs = !env.WATCHDOG_PID || Number(env.WATCHDOG_PID) === process.pid;
    this.intervalMs = this.send && usec > 0 && forUs ? Math.max(50, Math.floor(usec / 2000)) : undefined;
    this.maxLoopLagMs = options.maxLoopLagMs ?? Math.min(5_000, Math.max(250, (this.intervalMs ?? 10_000) / 2));
    this.loopDelay = monitorEventLoopDelay({ resolution: 10 });
  }

  /** True when started by systemd with a watchdog; false means every call here does nothing. */
  get active(): boolean {
    return this.send !== undefined;
  }

  /** Tells systemd the controller is up, and starts the pings when WatchdogSec is set. */
  async ready(status = 'ready'): Promise<void> {
    if (!this.send) return;
    await this.notify(['READY=1', `STATUS=${status}`, `MAINPID=${process.pid}`]);
    if (this.intervalMs === undefined) return;
    this.loopDelay.enable();
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  async stop(status = 'stopping'): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.loopDelay.disable();
    if (this.send) await this.notify(['STOPPING=1', `STATUS=${status}`]);
  }

  /** Health as the watchdog sees it: the worst event-loop stall since the last check, and SELECT 1. */
  check(): WatchdogVerdict {
    const lagMs = this.loopDelay.max / 1e6;
    this.loopDelay.reset();
    if (lagMs > this.maxLoopLagMs) return { healthy: false, reason: `event loop stalled for ${Math.round(lagMs)} ms` };
    try {
      if (!this.options.databaseHealthy()) return { healthy: false, reason: 'database did not answer SELECT 1' };
    } catch (error) {
      return { healthy: false, reason: `database did not answer SELECT 1: ${(error as Error).message}` };
    }
    return { healthy: true };
  }

  /** One watchdog period: pings when healthy; returns whether it pinged. */
  async tick(): Promise<boolean> {
    if (!this.send || this.inFlight) return false;
    const verdict = this.check();
    if (!verdict.healthy) {
      this.options.log?.('watchdog ping withheld', { reason: verdict.reason });
      return false;
    }
    this.inFlight = true;
    try {
      return await this.notify(['WATCHDOG=1']);
    } finally {
      this.inFlight = false;
    }
  }

  private async notify(fields: string[]): Promise<boolean> {
    try {
      await this.send!(fields);
      return true;
    } catch (error) {
      this.options.log?.('systemd notification failed', { error: (error as Error).message });
      return false;
    }
  }
}

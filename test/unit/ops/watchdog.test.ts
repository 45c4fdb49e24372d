import Database from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SystemdWatchdog, systemdNotifySender } from '../../../controller/src/ops/watchdog.ts';

let dir: string;
let marker: string;
let watchdog: SystemdWatchdog | undefined;

/** A stand-in `systemd-notify` first on PATH: it appends its socket and arguments to a file. */
function envWithFakeNotify(extra: Record<string, string>): NodeJS.ProcessEnv {
  const script = join(dir, 'systemd-notify');
  writeFileSync(script, '#!/bin/sh\necho "$NOTIFY_SOCKET $*" >> "$LW_TEST_MARKER"\n');
  chmodSync(script, 0o755);
  return { PATH: `${dir}:${process.env.PATH}`, LW_TEST_MARKER: marker, ...extra };
}

const calls = () => (existsSync(marker) ? readFileSync(marker, 'utf8').trim().split('\n') : []);

async function waitUntil(what: string, check: () => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lw-watchdog-'));
  marker = join(dir, 'calls.txt');
});
afterEach(async () => {
  await watchdog?.stop();
  watchdog = undefined;
  await rm(dir, { recursive: true, force: true });
});

const healthy = () => true;

describe('SystemdWatchdog', () => {
  it('does nothing at all without NOTIFY_SOCKET: no child process is started', async () => {
    const env = envWithFakeNotify({ WATCHDOG_USEC: '100000' });
    expect(systemdNotifySender(env)).toBeUndefined();
    watchdog = new SystemdWatchdog({ env, databaseHealthy: healthy });
    expect(watchdog.active).toBe(false);
    await watchdog.ready();
    expect(await watchdog.tick()).toBe(false);
    await new Promise((r) => setTimeout(r, 200));
    await watchdog.stop();
    expect(existsSync(marker)).toBe(false);
  });

  it('sends READY=1 with the main pid, pings at half of WATCHDOG_USEC, and STOPPING=1 at the end', async () => {
    const env = envWithFakeNotify({ NOTIFY_SOCKET: '/run/systemd/notify', WATCHDOG_USEC: '200000' });
    watchdog = new SystemdWatchdog({ env, databaseHealthy: healthy });
    await watchdog.ready('serving on :8080');
    expect(calls()[0]).toBe(`/run/systemd/notify READY=1 STATUS=serving on :8080 MAINPID=${process.pid}`);
    await waitUntil('three pings', () => calls().filter((c) => c.endsWith(' WATCHDOG=1')).length >= 3);
    await watchdog.stop();
    const after = calls();
    expect(after.at(-1)).toBe('/run/systemd/notify STOPPING=1 STATUS=stopping');
    await new Promise((r) => setTimeout(r, 300));
    expect(calls()).toEqual(after);
  });

  it('withholds the ping while the database does not answer SELECT 1', async () => {
    const db = new Database(':memory:');
    const logged: string[] = [];
    const env = envWithFakeNotify({ NOTIFY_SOCKET: '/run/systemd/notify' });
    watchdog = new SystemdWatchdog({ env, databaseHealthy: () => db.prepare('SELECT 1').get() !== undefined, log: (msg, extra) => logged.push(`${msg}: ${extra.reason}`) });
    expect(await watchdog.tick()).toBe(true);
    db.close();
    expect(await watchdog.tick()).toBe(false);
    expect(calls().filter((c) => c.endsWith(' WATCHDOG=1'))).toHaveLength(1);
    expect(logged[0]).toMatch(/database did not answer SELECT 1/);
  });

  it('withholds the ping after the event loop stalled, and pings again once it is responsive', async () => {
    const env = envWithFakeNotify({ NOTIFY_SOCKET: '/run/systemd/notify', WATCHDOG_USEC: String(3600 * 1e6) });
    watchdog = new SystemdWatchdog({ env, databaseHealthy: healthy, maxLoopLagMs: 300 });
    await watchdog.ready();
    await new Promise((r) => setTimeout(r, 50));
    const until = Date.now() + 900;
    while (Date.now() < until) {
      /* a wedged event loop */
    }
    await new Promise((r) => setTimeout(r, 30));
    expect(watchdog.check()).toMatchObject({ healthy: false, reason: expect.stringMatching(/event loop stalled/) });
    await new Promise((r) => setTimeout(r, 50));
    expect(await watchdog.tick()).toBe(true);
  });

  it('leaves the pinging to another process named by WATCHDOG_PID', async () => {
    const env = envWithFakeNotify({ NOTIFY_SOCKET: '/run/systemd/notify', WATCHDOG_USEC: '100000', WATCHDOG_PID: String(process.pid + 1) });
    watchdog = new SystemdWatchdog({ env, databaseHealthy: healthy });
    await watchdog.ready();
    await new Promise((r) => setTimeout(r, 300));
    expect(calls().filter((c) => c.endsWith(' WATCHDOG=1'))).toHaveLength(0);
  });

  const haveTools = ['socat', 'systemd-notify'].every((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0);

  describe.skipIf(!haveTools)('with the real systemd-notify and a unix datagram socket', () => {
    let receiver: ChildProcess | undefined;
    afterEach(() => {
      receiver?.kill('SIGKILL');
      receiver = undefined;
    });

    it('delivers READY=1 as a datagram to $NOTIFY_SOCKET', { timeout: 30_000 }, async () => {
      const socket = join(dir, 'notify.sock');
      let received = '';
      receiver = spawn('socat', ['-u', `UNIX-RECV:${socket}`, '-'], { stdio: ['ignore', 'pipe', 'ignore'] });
      receiver.stdout!.on('data', (d: Buffer) => (received += d.toString()));
      await waitUntil('the socket', () => existsSync(socket));
      const send = systemdNotifySender({ ...process.env, NOTIFY_SOCKET: socket })!;
      // systemd-notify then waits for a barrier that only systemd answers; socat does not, so it may time out.
      await send(['READY=1', 'STATUS=test']).catch(() => undefined);
      await waitUntil('the datagram', () => received.includes('READY=1'));
      expect(received).toContain('STATUS=test');
    });
  });
});

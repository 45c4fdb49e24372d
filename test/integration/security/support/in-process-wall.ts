import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { vi } from 'vitest';
import { DEFAULT_CONFIG_PATH, mergeConfig, parseConfig } from '../../../../config/load.ts';
import { composeWall, type ComposedWall } from '../../../../controller/src/composition.ts';
import type { Clock } from '../../../../controller/src/domain/types.ts';
import { SimBoard } from '../../../../controller/src/hardware/sim-board.ts';
import { createHttpApp } from '../../../../controller/src/http/app.ts';

export interface TestWallOptions {
  doors?: number;
  demo?: boolean;
  clock?: Clock;
  /** Put the data on tmpfs (/dev/shm) where fsync is free: for tests about HTTP, not durability. */
  inMemoryDisk?: boolean;
  /** 'silent' keeps the run quiet; tests that scan logs use 'trace' to see everything a real log could hold. */
  logLevel?: pino.LevelWithSilent;
  config?: Record<string, unknown>;
}

/** A wall of `doors` doors on simulated 100-channel boards A, B, C… all accessible so any recipient fits. */
export function generatedWallConfig(dataDir: string, doors: number, extra: Record<string, unknown> = {}) {
  const boardCount = Math.ceil(doors / 100);
  const boards = Array.from({ length: boardCount }, (_, b) => ({ id: String.fromCharCode(65 + b), channels: 100 }));
  const doorList = Array.from({ length: doors }, (_, i) => ({
    id: String(i + 1),
    size: 'M',
    board: String.fromCharCode(65 + Math.floor(i / 100)),
    channel: (i % 100) + 1,
    column: Math.floor(i / 10),
    row: i % 10,
    accessible: true,
    secure: true,
  }));
  // Over config/default.json, as the embedded default runs: its rules and settings, our boards and doors.
  const defaults = JSON.parse(readFileSync(DEFAULT_CONFIG_PATH, 'utf8')) as Record<string, unknown>;
  return parseConfig(mergeConfig(defaults, { demo: true, dataDir, boards, doors: doorList, mqtt: { port: 0 }, ...extra }));
}

export class MutableClock implements Clock {
  constructor(private at: number = Date.parse('2026-12-01T08:00:00Z')) {}
  now(): Date {
    return new Date(this.at);
  }
  advance(ms: number): void {
    this.at += ms;
  }
}

/**
 * One wall composed in-process the way main.ts composes it, with the HTTP app to call through
 * `app.request` and every log line captured. The sim boards are collected as they start, so tests can
 * count lock pulses.
 */
export async function startTestWall(options: TestWallOptions = {}) {
  const root = options.inMemoryDisk && existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const dataDir = await mkdtemp(join(root, 'lw-security-'));
  const config = generatedWallConfig(dataDir, options.doors ?? 24, { demo: options.demo ?? true, ...options.config });
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const log = pino({ level: options.logLevel ?? 'silent', base: { service: 'lockerwall' } }, sink);
  const boards: SimBoard[] = [];
  const startBoard = SimBoard.prototype.start;
  const boardStart = vi.spyOn(SimBoard.prototype, 'start').mockImplementation(function (this: SimBoard) {
    boards.push(this);
    return startBoard.call(this);
  });
  let wall: ComposedWall;
  try {
    wall = await composeWall(config, log, options.clock);
    await wall.start();
  } finally {
    boardStart.mockRestore();
  }
  // A stand-in for the built kiosk UI, so non-API paths are served the way they are in production.
  const uiDir = join(dataDir, 'ui');
  await mkdir(uiDir);
  await writeFile(join(uiDir, 'index.html'), '<!doctype html><title>Lockerwall kiosk</title>');
  const app = createHttpApp({ ...wall, uiDir, log: (msg, extra) => log.error(extra, msg) });
  return {
    config,
    dataDir,
    wall,
    app,
    log,
    logLines,
    /** Every lock pulse any sim board has given so far. */
    pulseCount: () => boards.reduce((n, b) => n + b.pulses.length, 0),
    /** A simulated hand closes the door (as after a deposit or a pickup). */
    async closeDoor(doorId: string) {
      const door = config.doors.find((d) => d.id === doorId)!;
      await wall.simulator!.close(door.board, door.channel);
    },
    async stop() {
      await wall.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type TestWall = Awaited<ReturnType<typeof startTestWall>>;

/** Deposits through the service and closes each door by hand, so every parcel ends up `stored`. */
/** Runs the outbox until every queued notification is delivered to the file channel. */
export async function deliverNotifications(t: TestWall): Promise<void> {
  while (t.wall.store.outbox.pendingCount() > 0) await t.wall.outbox.kick();
}

export async function fillWall(t: TestWall, parcels: number, recipients: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < parcels; i++) {
    const parcel = await t.wall.deposit.deposit({
      tracking: `LWSEC${String(i).padStart(6, '0')}`,
      recipientId: recipients[i % recipients.length]!,
      actor: 'clerk:test',
    });
    await t.closeDoor(parcel.doorId!);
    ids.push(parcel.id);
  }
  return ids;
}

export async function clerkToken(t: TestWall): Promise<string> {
  const res = await t.app.request('/api/clerk/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ pin: '1234' }),
  });
  if (res.status !== 200) throw new Error(`demo clerk sign-in failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { DEFAULT_CONFIG_PATH, mergeConfig, parseConfig } from '../../../config/load.ts';
import { composeWall, type ComposedWall } from '../../../controller/src/composition.ts';
import type { Clock } from '../../../controller/src/domain/types.ts';
import { createHttpApp } from '../../../controller/src/http/app.ts';
import { waitFor } from '../../support/controller-process.ts';

export class FakeClock implements Clock {
  constructor(private at: number) {}
  now(): Date {
    return new Date(this.at);
  }
  set(iso: string): void {
    this.at = Date.parse(iso);
  }
}

/** The demo wall composed in-process over a fake clock, with its HTTP app for `app.request`. */
export async function startFakeClockWall(clock: FakeClock, overrides: Record<string, unknown>) {
  const dataDir = await mkdtemp(join(tmpdir(), 'lockerwall-mailroom-'));
  const defaults = JSON.parse(readFileSync(DEFAULT_CONFIG_PATH, 'utf8')) as Record<string, unknown>;
  const config = parseConfig(mergeConfig(defaults, { dataDir, ...overrides }));
  const wall: ComposedWall = await composeWall(config, pino({ level: 'silent' }), clock);
  await wall.wall.start();
  const app = createHttpApp({ ...wall, log: () => {} });
  const door = (id: string) => config.doors.find((d) => d.id === id)!;
  return {
    wall,
    app,
    dataDir,
    async closeDoor(id: string) {
      const d = door(id);
      await wall.simulator!.close(d.board, d.channel);
      await waitFor(() => !wall.store.doors.get(id)!.open, `door ${id} closed`);
    },
    outbox(): { event: string; recipientId: string; createdAt: string; parcelId: string | null }[] {
      return wall.store.db
        .prepare('SELECT event, recipient_id AS recipientId, created_at AS createdAt, parcel_id AS parcelId FROM outbox ORDER BY id')
        .all() as { event: string; recipientId: string; createdAt: string; parcelId: string | null }[];
    },
    async stop() {
      await wall.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

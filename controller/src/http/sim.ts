import { Hono } from 'hono';
import { DomainError } from '../domain/types.ts';
import type { DoorSimulator, HttpDeps } from './deps.ts';

/** Simulator only: a hand closing or forcing a door. Never mounted with real hardware. */
export function simApp(deps: HttpDeps, simulator: DoorSimulator) {
  const app = new Hono();
  const act = (action: 'close' | 'force') => async (c: { req: { param(n: 'door'): string }; json(v: unknown): Response }) => {
    const door = deps.config.doors.find((d) => d.id === c.req.param('door'));
    if (!door) throw new DomainError('unknown_door', `There is no door ${c.req.param('door')}.`, 404);
    await simulator[action](door.board, door.channel);
    return c.json({ ok: true, door: door.id });
  };
  app.post('/doors/:door/close', act('close'));
  app.post('/doors/:door/open', act('force'));
  return app;
}

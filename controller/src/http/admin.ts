import { Hono } from 'hono';
import { z } from 'zod';
import type { HttpDeps } from './deps.ts';
import { presentDoor } from './presenters.ts';
import { readJson } from './validation.ts';

const doorPatch = z.object({ enabled: z.boolean().optional(), clearFault: z.literal(true).optional() }).strict();

/** Admin routes: door service state. Mounted under /api/admin. */
export function adminApp(deps: HttpDeps) {
  const app = new Hono();
  app.use('*', async (c, next) => {
    const auth = c.req.header('authorization');
    deps.auth.authenticate(/^Bearer\s+(\S+)$/i.exec(auth ?? '')?.[1], 'admin', c.req.method === 'GET' ? 'read' : 'write');
    await next();
  });
  app.patch('/doors/:door', async (c) => {
    const body = await readJson(c, doorPatch);
    const door = c.req.param('door');
    let view = deps.wall.door(door);
    if (body.enabled !== undefined) view = deps.wall.setEnabled(door, body.enabled);
    if (body.clearFault) view = deps.wall.markFault(door, null);
    if (!view) return c.json({ error: { code: 'unknown_door', message: `There is no door ${door}.` } }, 404);
    return c.json(presentDoor(view));
  });
  return app;
}

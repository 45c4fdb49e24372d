import { Hono } from 'hono';
import { z } from 'zod';
import type { HttpDeps } from './deps.ts';
import { presentDoor } from './presenters.ts';
import { readJson } from './validation.ts';

const doorPatch = z.object({ enabled: z.boolean().optional(), clearFault: z.literal(true).optional() }).strict();
const openBody = z.object({ reason: z.enum(['audit', 'identify', 'service']) }).strict();
const auditBody = z.object({ result: z.enum(['present', 'missing', 'unexpected_item']), note: z.string().max(500).optional() }).strict();

/** Admin routes: door service state, staff opens and the guided audit. Mounted under /api/admin. */
export function adminApp(deps: HttpDeps) {
  const app = new Hono<{ Variables: { staffId: string } }>();
  app.use('*', async (c, next) => {
    const auth = c.req.header('authorization');
    const session = deps.auth.authenticate(/^Bearer\s+(\S+)$/i.exec(auth ?? '')?.[1], 'admin', c.req.method === 'GET' ? 'read' : 'write');
    c.set('staffId', session.staffId);
    await next();
  });
  app.get('/audit', (c) => c.json({ doors: deps.doorChecks.auditPlan() }));
  app.post('/doors/:door/open', async (c) => {
    const { reason } = await readJson(c, openBody);
    return c.json(await deps.doorChecks.openForCheck(c.req.param('door'), `admin:${c.get('staffId')}`, reason));
  });
  app.post('/audit/:door', async (c) => {
    const body = await readJson(c, auditBody);
    return c.json(deps.doorChecks.recordAudit(c.req.param('door'), `admin:${c.get('staffId')}`, body.result, body.note));
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

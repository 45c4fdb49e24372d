import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { HttpDeps } from './deps.ts';
import { presentDoor } from './presenters.ts';
import { wallEventStream } from './sse.ts';
import { readJson } from './validation.ts';

const pickupBody = z.union(
  [
    z.object({ code: z.string().max(32) }).strict(),
    z.object({ badge: z.string().min(1).max(64) }).strict(),
    z.object({ tap: z.string().min(1).max(64) }).strict(),
  ],
  { error: 'send exactly one of {"code": "<8 digits as a string>"}, {"badge": "<card number>"} or {"tap": "<tap id>"}' },
);

/** The kiosk browser runs on the controller itself; the serial readers belong to it alone. */
export function isLoopback(address: string): boolean {
  return address === 'local' || address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

const reportBody = z.object({ doors: z.array(z.string().max(16)).min(1).max(50), problem: z.literal('did_not_open') }).strict();

/** The address a request came from: the throttling unit for wrong codes. */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'local';
  }
}

/** Employee-facing routes: no sign-in, nothing that names a person. */
export function kioskApp(deps: HttpDeps) {
  const app = new Hono();
  app.get('/health', (c) =>
    c.json({ status: 'ok', wallId: deps.config.wallId, demo: deps.config.demo, doors: deps.config.doors.length }),
  );
  app.get('/doors', (c) => c.json({ doors: deps.wall.doors().map(presentDoor) }));
  app.get('/events', (c) =>
    wallEventStream(c, deps.bus, () => deps.wall.doors().map(presentDoor), { readerEvents: isLoopback(clientAddress(c)) }),
  );
  app.post('/pickup/report', async (c) => {
    const { doors } = await readJson(c, reportBody);
    return c.json(deps.doorChecks.reportDidNotOpen(doors, `kiosk@${clientAddress(c)}`));
  });
  app.post('/pickup', async (c) => {
    const body = await readJson(c, pickupBody);
    const kiosk = clientAddress(c);
    const result =
      'code' in body
        ? await deps.pickup.pickupByCode(body.code, kiosk)
        : await deps.pickup.pickupByBadge('tap' in body ? deps.readers.takeTap(body.tap) : body.badge, kiosk);
    return c.json(result);
  });
  return app;
}

import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import { DOOR_SIZES } from '../../../config/schema.ts';
import { DomainError } from '../domain/types.ts';
import type { HttpDeps } from './deps.ts';
import { clientAddress } from './kiosk.ts';
import { presentParcel } from './presenters.ts';
import { readJson } from './validation.ts';

const ITEM_CLASSES = ['standard', 'registered', 'insured', 'express', 'confidential', 'media'] as const;
const PARCEL_STATUSES = ['held', 'awaiting_close', 'stored', 'pickup_open', 'collected', 'cancelled', 'returned'] as const;

const sessionBody = z.union(
  [
    z.object({ pin: z.string().max(32) }).strict(),
    z.object({ badge: z.string().min(1).max(64) }).strict(),
    z.object({ tap: z.string().min(1).max(64) }).strict(),
  ],
  { error: 'send exactly one of {"pin": "<digits as a string>"}, {"badge": "<card number>"} or {"tap": "<tap id>"}' },
);

const depositBody = z
  .object({
    scan: z.string().max(512).optional(),
    tracking: z.string().max(64).optional(),
    carrier: z.string().max(32).optional(),
    recipientId: z.string().min(1).max(32),
    size: z.enum(DOOR_SIZES).optional(),
    classes: z.array(z.enum(ITEM_CLASSES)).max(6).optional(),
    declaredValue: z.number().min(0).max(1e9).optional(),
    declaredCurrency: z.string().regex(/^[A-Z]{3}$/).optional(),
    condition: z.string().min(1).max(200).optional(),
  })
  .strict();

const cancelBody = z.object({ outOfService: z.string().min(1).max(200).optional() }).strict();

type Variables = { staffId: string; role: 'clerk' | 'admin' };

function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

/** Clerk routes: sign-in, recipient search, deposits, parcel lookup. */
export function clerkApp(deps: HttpDeps) {
  const app = new Hono<{ Variables: Variables }>();

  app.post('/clerk/session', async (c) => {
    const body = await readJson(c, sessionBody);
    const source = clientAddress(c);
    const session =
      'pin' in body
        ? await deps.auth.loginWithPin(body.pin, source)
        : deps.auth.loginWithBadge('tap' in body ? deps.readers.takeTap(body.tap) : body.badge, source);
    return c.json({ token: session.token, role: session.role, name: session.name, expiresAt: session.expiresAt });
  });

  const requireClerk = createMiddleware<{ Variables: Variables }>(async (c, next) => {
    const session = deps.auth.authenticate(bearer(c.req.header('authorization')), 'clerk', c.req.method === 'GET' ? 'read' : 'write');
    c.set('staffId', session.staffId);
    c.set('role', session.role);
    await next();
  });
  for (const path of ['/clerk/session', '/recipients', '/parcels', '/parcels/*', '/scans']) app.use(path, requireClerk);

  app.delete('/clerk/session', (c) => {
    deps.auth.logout(bearer(c.req.header('authorization'))!);
    return c.body(null, 204);
  });

  app.get('/recipients', (c) => {
    const q = (c.req.query('q') ?? '').slice(0, 64);
    const recipients = deps.store.recipients.search(q).map((r) => ({
      id: r.id,
      name: r.name,
      nameLatin: r.nameLatin,
      email: r.email,
      department: r.department,
      needsAccessibleDoor: r.needsAccessibleDoor,
      locale: r.locale,
    }));
    return c.json({ recipients });
  });

  app.post('/parcels', async (c) => {
    const body = await readJson(c, depositBody);
    const parcel = await deps.deposit.deposit({ ...body, actor: `clerk:${c.get('staffId')}` });
    return c.json(presentParcel(parcel), 201);
  });

  app.get('/parcels', (c) => {
    const status = c.req.query('status');
    if (status !== undefined && !(PARCEL_STATUSES as readonly string[]).includes(status))
      throw new DomainError('invalid_field', `status must be one of ${PARCEL_STATUSES.join(', ')}`, 422);
    const parcels = deps.store.parcels.list({
      status: status as (typeof PARCEL_STATUSES)[number] | undefined,
      recipientId: c.req.query('recipientId'),
      tracking: c.req.query('tracking'),
    });
    return c.json({ parcels: parcels.map((p) => presentParcel(p)) });
  });

  app.get('/parcels/:id', (c) => {
    const parcel = deps.store.parcels.get(c.req.param('id'));
    if (!parcel) throw new DomainError('unknown_parcel', `No parcel ${c.req.param('id')}.`, 404);
    return c.json(presentParcel(parcel, deps.store.parcels.events(parcel.id)));
  });

  app.post('/parcels/:id/cancel', async (c) => {
    const body = c.req.header('content-length') === '0' || !c.req.header('content-type') ? {} : await readJson(c, cancelBody);
    const reason = 'outOfService' in body ? body.outOfService : undefined;
    const parcel = deps.deposit.cancel(c.req.param('id'), `clerk:${c.get('staffId')}`, reason ? { reason } : undefined);
    return c.json(presentParcel(parcel));
  });

  if (deps.normaliseScan) {
    const scanBody = z.object({ raw: z.string().max(512) }).strict();
    app.post('/scans', async (c) => c.json(deps.normaliseScan!((await readJson(c, scanBody)).raw)));
  }

  return app;
}

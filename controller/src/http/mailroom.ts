import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { DOOR_SIZES } from '../../../config/schema.ts';
import { zonedInstant } from '../domain/business-calendar.ts';
import { PICKUP_CONDITIONS } from '../domain/item-classes.ts';
import { signatureSvg } from '../domain/signature.ts';
import { DomainError, type Parcel } from '../domain/types.ts';
import { toCsv } from '../services/csv-export.ts';
import type { IntakeGates } from '../services/intake-gates.ts';
import type { ReminderScheduler } from '../services/reminder-scheduler.ts';
import type { Returns } from '../services/returns.ts';
import { statsCsv, type MailroomStatistics } from '../services/statistics.ts';
import type { HttpDeps } from './deps.ts';
import { clientAddress } from './kiosk.ts';
import { presentParcel } from './presenters.ts';
import { readJson } from './validation.ts';

/** The mailroom-rule services the HTTP layer needs beside the foundation's. */
export interface MailroomServices {
  gates: IntakeGates;
  returns: Returns;
  statistics: MailroomStatistics;
  scheduler: ReminderScheduler;
}

export type MailroomHttpDeps = HttpDeps & { mailroom: MailroomServices };

export function hasMailroom(deps: HttpDeps): deps is MailroomHttpDeps {
  return typeof (deps as Partial<MailroomHttpDeps>).mailroom === 'object';
}

const ITEM_CLASSES = ['standard', 'registered', 'insured', 'express', 'confidential', 'media'] as const;
const point = z.array(z.number()).min(2).max(3);
const signature = z.object({ strokes: z.array(z.array(point).max(5000)).max(200) }).strict();
const condition = z.enum(PICKUP_CONDITIONS);

const intakeBody = z
  .object({
    scan: z.string().max(512).optional(),
    tracking: z.string().max(64).optional(),
    carrier: z.string().max(32).optional(),
    recipientId: z.string().min(1).max(32),
    size: z.enum(DOOR_SIZES).optional(),
    classes: z.array(z.enum(ITEM_CLASSES)).max(6).optional(),
    declaredValue: z.number().nonnegative().max(1e9).optional(),
    declaredCurrency: z.string().regex(/^[A-Z]{3}$/).optional(),
    condition: z.string().min(1).max(200).optional(),
  })
  .strict();
const inspectionBody = z.union([
  z.object({ result: z.literal('cleared'), note: z.string().max(200).optional() }).strict(),
  z.object({ result: z.literal('quarantined'), reason: z.string().min(1).max(200) }).strict(),
]);
const depositHeldBody = z.object({ size: z.enum(DOOR_SIZES).optional() }).strict();
const claimBody = z.object({ kind: z.enum(['damaged', 'lost']), note: z.string().max(500).default('') }).strict();
const preferencesBody = z
  .object({
    channel: z.string().max(48).nullable().optional(),
    locale: z.enum(['zh-CN', 'zh-TW', 'en']).nullable().optional(),
    holdUntil: z.string().datetime({ offset: true }).nullable().optional(),
    allowConfidentialDelegation: z.boolean().optional(),
  })
  .strict();
const tapId = z.string().min(1).max(64);
const proofBody = z.union([
  z
    .object({ code: z.string().max(32), signature: signature.optional(), badge: z.string().min(1).max(64).optional(), tap: tapId.optional(), condition: condition.optional() })
    .strict(),
  z.object({ badge: z.string().min(1).max(64), condition }).strict(),
  z.object({ tap: tapId, condition }).strict(),
]);

function bearer(c: Context): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
}

function emptyBody(c: Context): boolean {
  return c.req.header('content-length') === '0' || !c.req.header('content-type');
}

function wantsCsv(c: Context): boolean {
  return c.req.query('format') === 'csv';
}

function csvResponse(c: Context, name: string, body: string) {
  return c.body(body, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` });
}

/** A parcel with its mailroom-rule state, receipts and (optionally) its full timeline. */
export function presentTracked(deps: HttpDeps, parcel: Parcel, withEvents = true) {
  const rules = deps.store.mailroom.rules(parcel.id)!;
  return {
    ...presentParcel(parcel, withEvents ? deps.store.parcels.events(parcel.id) : undefined),
    inspection: { state: rules.inspection, reason: rules.inspectionReason },
    mediaCheck: rules.mediaCheck,
    insurance: rules.declaredValue === null ? null : { declaredValue: rules.declaredValue, currency: rules.declaredCurrency, intakeCondition: rules.intakeCondition, pickupCondition: rules.pickupCondition },
    schedule: { nextReminderAt: rules.nextReminderAt, remindersSent: rules.remindersSent, escalateAt: rules.escalateAt, escalatedAt: rules.escalatedAt, expiresAt: rules.expiresAt, expiredAt: rules.expiredAt, returnedAt: rules.returnedAt },
    receipts: deps.store.mailroom.receipts(parcel.id).map((r) => ({ ...r, signature: r.signature ? (JSON.parse(r.signature) as unknown) : null })),
    notifications: deps.store.mailroom.notificationsOf(parcel.id),
  };
}

function timelineCsv(deps: HttpDeps, parcel: Parcel): string {
  const receipts = new Map(deps.store.mailroom.receipts(parcel.id).map((r) => [r.id, r]));
  return toCsv(
    ['parcel', 'seq', 'at', 'type', 'actor', 'door', 'detail'],
    deps.store.parcels.events(parcel.id).map((e) => {
      const receipt = typeof e.detail.receiptId === 'number' ? receipts.get(e.detail.receiptId) : undefined;
      const detail = receipt ? { ...e.detail, signaturePoints: receipt.signature ? (JSON.parse(receipt.signature) as number[][][]).flat().length : 0 } : e.detail;
      return [parcel.id, e.seq, e.at, e.type, e.actor, e.doorId, JSON.stringify(detail)];
    }),
  );
}

/** "2025-03-08" is local midnight in the mailroom's zone; a full ISO instant is taken as is. */
function parseInstant(value: string | undefined, fallback: Date, timeZone: string, field: string): Date {
  if (!value) return fallback;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = m ? zonedInstant({ year: +m[1]!, month: +m[2]!, day: +m[3]! }, '00:00', timeZone) : new Date(value);
  if (Number.isNaN(date.getTime())) throw new DomainError('invalid_field', `${field}: a date (YYYY-MM-DD) or an ISO 8601 instant`, 422, { field });
  return date;
}

/**
 * Mailroom routes, mounted at /api: intake gates and the counter (clerk), handover proof at the
 * kiosk, tracking exports. Auth is checked here: these routes answer before the clerk app's middleware.
 */
export function mailroomApp(deps: MailroomHttpDeps) {
  const app = new Hono();
  const { gates, returns } = deps.mailroom;
  const clerk = (c: Context) => `clerk:${deps.auth.authenticate(bearer(c), 'clerk', c.req.method === 'GET' ? 'read' : 'write').staffId}`;
  const parcelOr404 = (id: string) => {
    const parcel = deps.store.parcels.get(id);
    if (!parcel) throw new DomainError('unknown_parcel', `No parcel ${id}.`, 404);
    return parcel;
  };

  app.post('/pickup/proof', async (c) => {
    const body = await readJson(c, proofBody);
    const kiosk = clientAddress(c);
    // A reader tap arrives as a one-time tap id (the card number never reaches the browser).
    const badge = 'tap' in body && body.tap ? deps.readers.takeTap(body.tap) : 'badge' in body ? body.badge : undefined;
    const result =
      'code' in body
        ? await deps.pickup.pickupByCode(body.code, kiosk, { signature: body.signature, badge, condition: body.condition })
        : await deps.pickup.pickupByBadge(badge!, kiosk, { condition: body.condition });
    return c.json(result);
  });

  app.post('/mailroom/parcels', async (c) => {
    const actor = clerk(c);
    const parcel = await deps.deposit.deposit({ ...(await readJson(c, intakeBody)), actor });
    return c.json(presentTracked(deps, parcel, false), 201);
  });

  app.get('/mailroom/held', (c) => {
    clerk(c);
    return c.json({ parcels: deps.store.mailroom.heldIds().map((id) => presentTracked(deps, deps.store.parcels.get(id)!, false)) });
  });

  app.get('/mailroom/returns', (c) => {
    clerk(c);
    return c.json({ parcels: returns.list().map((p) => presentTracked(deps, p, false)) });
  });

  app.get('/mailroom/parcels/:id', (c) => {
    clerk(c);
    return c.json(presentTracked(deps, parcelOr404(c.req.param('id'))));
  });

  app.post('/mailroom/parcels/:id/inspection', async (c) => {
    const actor = clerk(c);
    const body = await readJson(c, inspectionBody);
    const id = c.req.param('id');
    const parcel = body.result === 'cleared' ? gates.clear(id, actor, body.note) : gates.quarantine(id, body.reason, actor);
    return c.json(presentTracked(deps, parcel, false));
  });

  app.post('/mailroom/parcels/:id/media-clean', (c) => {
    const actor = clerk(c);
    return c.json(presentTracked(deps, gates.markMediaClean(c.req.param('id'), actor), false));
  });

  app.post('/mailroom/parcels/:id/deposit', async (c) => {
    const actor = clerk(c);
    const body = emptyBody(c) ? {} : await readJson(c, depositHeldBody);
    return c.json(presentTracked(deps, await deps.deposit.depositHeld(c.req.param('id'), actor, body.size), false));
  });

  app.post('/mailroom/parcels/:id/return', async (c) => {
    const actor = clerk(c);
    return c.json(presentTracked(deps, await returns.takeBack(c.req.param('id'), actor), false));
  });

  app.post('/mailroom/parcels/:id/claims', async (c) => {
    const actor = clerk(c);
    const body = await readJson(c, claimBody);
    const parcel = parcelOr404(c.req.param('id'));
    if (!parcel.classes.includes('insured')) throw new DomainError('not_insured', `Parcel ${parcel.id} is not insured; claims are for insured items.`, 409);
    const at = new Date().toISOString();
    const claimId = deps.store.transaction(() => {
      const id = deps.store.mailroom.addClaim({ parcelId: parcel.id, kind: body.kind, note: body.note, reportedBy: actor, at });
      deps.store.parcels.addEvent({ parcelId: parcel.id, at, type: 'claim_opened', actor, doorId: null, detail: { claimId: id, kind: body.kind } });
      return id;
    });
    return c.json({ claimId }, 201);
  });

  app.get('/mailroom/claims', (c) => {
    clerk(c);
    const claims = deps.store.mailroom.claims();
    if (!wantsCsv(c)) return c.json({ claims });
    const header = ['id', 'parcelId', 'kind', 'note', 'reportedBy', 'at', 'tracking', 'carrier', 'recipientId', 'declaredValue', 'declaredCurrency', 'intakeCondition', 'pickupCondition'] as const;
    return csvResponse(c, 'claims.csv', toCsv(header, claims.map((cl) => header.map((h) => cl[h]))));
  });

  app.get('/mailroom/parcels/:id/receipts/:receipt/signature.svg', (c) => {
    clerk(c);
    const receipt = deps.store.mailroom.receipts(c.req.param('id')).find((r) => String(r.id) === c.req.param('receipt'));
    if (!receipt?.signature) throw new DomainError('unknown_receipt', 'No signed receipt with that id for this parcel.', 404);
    return c.body(signatureSvg(receipt.signature), 200, { 'content-type': 'image/svg+xml; charset=utf-8' });
  });

  app.get('/mailroom/recipients/:id/preferences', (c) => {
    clerk(c);
    const id = c.req.param('id');
    if (!deps.store.recipients.get(id)) throw new DomainError('unknown_recipient', `No recipient ${id}.`, 404);
    return c.json(deps.store.mailroom.preferences(id));
  });

  app.put('/mailroom/recipients/:id/preferences', async (c) => {
    clerk(c);
    const id = c.req.param('id');
    if (!deps.store.recipients.get(id)) throw new DomainError('unknown_recipient', `No recipient ${id}.`, 404);
    const body = await readJson(c, preferencesBody);
    const known = new Set(['file', 'smtp', ...deps.config.notify.webhooks.map((w) => `webhook:${w.id}`)]);
    if (body.channel && !known.has(body.channel))
      throw new DomainError('invalid_field', `channel: one of ${[...known].join(', ')}`, 422, { field: 'channel' });
    const current = deps.store.mailroom.preferences(id);
    const next = {
      recipientId: id,
      channel: body.channel === undefined ? current.channel : body.channel,
      locale: body.locale === undefined ? current.locale : body.locale,
      holdUntil: body.holdUntil === undefined ? current.holdUntil : body.holdUntil && new Date(body.holdUntil).toISOString(),
      allowConfidentialDelegation: body.allowConfidentialDelegation ?? current.allowConfidentialDelegation,
    };
    deps.store.mailroom.setPreferences(next, new Date().toISOString());
    return c.json(next);
  });

  const timeline = (c: Context, id: string) => {
    clerk(c);
    const parcel = parcelOr404(id);
    if (wantsCsv(c) || c.req.path.endsWith('.csv')) return csvResponse(c, `parcel-${parcel.id}-timeline.csv`, timelineCsv(deps, parcel));
    const tracked = presentTracked(deps, parcel);
    return c.json({ parcel: parcel.id, events: tracked.events, receipts: tracked.receipts, notifications: tracked.notifications });
  };
  app.get('/parcels/:id/timeline.csv', (c) => timeline(c, c.req.param('id')));
  app.get('/parcels/:id/timeline', (c) => timeline(c, c.req.param('id')));

  return app;
}

/** Admin routes, mounted at /api/admin: statistics and the notification dead-letter list. */
export function mailroomAdminApp(deps: MailroomHttpDeps) {
  const app = new Hono();
  const admin = (c: Context) => deps.auth.authenticate(bearer(c), 'admin', c.req.method === 'GET' ? 'read' : 'write');

  app.get('/stats', (c) => {
    admin(c);
    const tz = deps.config.rules.businessHours.timeZone;
    const to = parseInstant(c.req.query('to'), new Date(), tz, 'to');
    const from = parseInstant(c.req.query('from'), new Date(to.getTime() - 30 * 86_400_000), tz, 'from');
    if (from.getTime() >= to.getTime()) throw new DomainError('invalid_field', 'from must be before to', 422, { field: 'from' });
    const groupBy = c.req.query('groupBy') ?? 'day';
    if (groupBy !== 'day' && groupBy !== 'week' && groupBy !== 'month') throw new DomainError('invalid_field', 'groupBy: day, week or month', 422, { field: 'groupBy' });
    const stats = deps.mailroom.statistics.compute(from, to, groupBy);
    return wantsCsv(c) ? csvResponse(c, `stats-${groupBy}.csv`, statsCsv(stats)) : c.json(stats);
  });

  app.get('/notifications/dead', (c) => {
    admin(c);
    return c.json({ messages: deps.store.mailroom.deadLetters() });
  });

  app.post('/notifications/dead/:id/retry', (c) => {
    admin(c);
    const id = Number(c.req.param('id'));
    if (!Number.isInteger(id) || !deps.store.mailroom.retryDead(id, new Date().toISOString()))
      throw new DomainError('unknown_message', `No dead message ${c.req.param('id')}.`, 404);
    return c.json({ id, requeued: true });
  });

  return app;
}

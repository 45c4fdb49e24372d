import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { DOOR_SIZES } from '../../../config/schema.ts';
import { zonedInstant } from '../domain/business-calendar.ts';
import { OUTGOING_SERVICES, OUTGOING_STATUSES, type OutgoingEvent, type OutgoingItem, type OutgoingStatus } from '../domain/outgoing.ts';
import { readTrackingPush } from '../domain/outgoing-tracking-push.ts';
import { DomainError } from '../domain/types.ts';
import { normaliseScan } from '../readers/index.ts';
import type { ScanResult } from '../readers/scan/types.ts';
import { toCsv } from '../services/csv-export.ts';
import type { BadgeDirectory } from '../services/badge-directory.ts';
import type { OutgoingMail } from '../services/outgoing.ts';
import { outgoingStatsCsv, type OutgoingStatistics } from '../services/outgoing-statistics.ts';
import type { OutgoingClaim } from '../store/outgoing-repo.ts';
import type { HttpDeps } from './deps.ts';
import { readJson } from './validation.ts';

export interface OutgoingServices {
  mail: OutgoingMail;
  statistics: OutgoingStatistics;
  /** identifies the sender from their badge at the kiosk. */
  badges: BadgeDirectory;
}

export type OutgoingHttpDeps = HttpDeps & { outgoing: OutgoingServices };

export function hasOutgoing(deps: HttpDeps): deps is OutgoingHttpDeps {
  return typeof (deps as Partial<OutgoingHttpDeps>).outgoing === 'object';
}

const regions = new Intl.DisplayNames(['en'], { type: 'region' });
const country = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .refine((s) => /^[A-Z]{2}$/.test(s) && regions.of(s) !== s, 'an ISO 3166 alpha-2 country code, e.g. "DE"');
const line = (max: number) => z.string().trim().min(1).max(max);
const currency = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code, e.g. "CNY"');

const addressee = z
  .object({
    name: line(100),
    organisation: line(100).optional(),
    addressLines: z.array(line(120)).max(4).optional(),
    city: line(80),
    postcode: line(16).optional(),
    country,
  })
  .strict();

const identity = { badge: z.string().min(1).max(64).optional(), tap: z.string().min(1).max(64).optional() };
const dropOffBody = z
  .object({
    ...identity,
    addressee,
    service: z.enum(OUTGOING_SERVICES),
    declaredValue: z.number().positive().max(1e9).optional(),
    declaredCurrency: currency.optional(),
    size: z.enum(DOOR_SIZES).optional(),
  })
  .strict()
  .refine((b) => (b.badge === undefined) !== (b.tap === undefined), { message: 'send exactly one of badge or tap', path: ['badge'] });

const dispatchBody = z
  .object({
    scan: z.string().max(512).optional(),
    tracking: z.string().max(64).optional(),
    carrier: z.string().min(1).max(32).optional(),
    product: z.string().min(1).max(64).optional(),
    postage: z.object({ amount: z.number().nonnegative().max(1e6), currency }).strict(),
    expectedDeliveryDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'),
  })
  .strict();

const cancelBody = z.object({ reason: line(200) }).strict();
const claimBody = z.object({ kind: z.enum(['lost', 'damaged']), note: z.string().max(500).default('') }).strict();

function bearer(c: Context): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
}

function csvResponse(c: Context, name: string, body: string) {
  return c.body(body, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` });
}

function parseInstant(value: string | undefined, fallback: Date, timeZone: string, field: string): Date {
  if (!value) return fallback;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = m ? zonedInstant({ year: +m[1]!, month: +m[2]!, day: +m[3]! }, '00:00', timeZone) : new Date(value);
  if (Number.isNaN(date.getTime())) throw new DomainError('invalid_field', `${field}: a date (YYYY-MM-DD) or an ISO 8601 instant`, 422, { field });
  return date;
}

/** The label reading for a dispatch: the raw scan, or a typed number read the same way; a carrier picks among ambiguous readings. */
function labelReading(body: z.infer<typeof dispatchBody>, options: { prefixes: string[]; suffixes: string[] }): ScanResult | null {
  const raw = body.scan ?? body.tracking;
  if (raw === undefined) return null;
  const result = normaliseScan(body.scan ?? raw.trim().toUpperCase().replace(/\s+/g, ''), options);
  if (result.status === 'ambiguous' && body.carrier) {
    const chosen = result.candidates.find((c) => c.carrier === body.carrier);
    if (chosen) return { status: 'ok', ...chosen, raw: result.raw, rawVisible: result.rawVisible };
  }
  return result;
}

export function presentOutgoing(deps: OutgoingHttpDeps, item: OutgoingItem, events?: OutgoingEvent[]) {
  const sender = deps.store.recipients.get(item.senderId);
  return {
    ...item,
    door: item.doorId,
    sender: sender ? { id: sender.id, name: sender.name, nameLatin: sender.nameLatin, department: sender.department } : { id: item.senderId },
    suggestion: deps.outgoing.mail.suggestion(item),
    ...(events ? { events: events.map(({ itemId: _, ...e }) => e) } : {}),
  };
}

const CLAIM_CSV_HEADER = [
  'claimId',
  'kind',
  'reportedAt',
  'reportedBy',
  'note',
  'outgoingId',
  'service',
  'carrier',
  'product',
  'tracking',
  'declaredValue',
  'declaredCurrency',
  'droppedOffAt',
  'dispatchedAt',
  'expectedDeliveryDate',
  'deliveredAt',
  'status',
  'addresseeName',
  'addresseeCity',
  'addresseeCountry',
  'timeline',
] as const;

function claimRecord(deps: OutgoingHttpDeps, claim: OutgoingClaim) {
  const item = deps.store.outgoing.get(claim.itemId)!;
  return { claim, item: presentOutgoing(deps, item, deps.store.outgoing.events(item.id)) };
}

function claimCsvRow(r: ReturnType<typeof claimRecord>) {
  const { claim, item } = r;
  return [
    claim.id,
    claim.kind,
    claim.reportedAt,
    claim.reportedBy,
    claim.note,
    item.id,
    item.service,
    item.carrier,
    item.product,
    item.tracking,
    item.declaredValue,
    item.declaredCurrency,
    item.droppedOffAt,
    item.dispatchedAt,
    item.expectedDeliveryDate,
    item.deliveredAt,
    item.status,
    item.addressee.name,
    item.addressee.city,
    item.addressee.country,
    (item.events ?? []).map((e) => `${e.at} ${e.type} (${e.actor})`).join(' | '),
  ];
}

/**
 * Outgoing mail, mounted at /api: the kiosk drop-off (badge), the clerk's collect / dispatch / claims,
 * tracking pushes from aggregators (shared secret), and the admin statistics.
 */
export function outgoingApp(deps: OutgoingHttpDeps) {
  const app = new Hono();
  const mail = deps.outgoing.mail;
  const clerk = (c: Context) => deps.auth.authenticate(bearer(c), 'clerk', c.req.method === 'GET' ? 'read' : 'write');
  const admin = (c: Context) => deps.auth.authenticate(bearer(c), 'admin', c.req.method === 'GET' ? 'read' : 'write');
  const scanOptions = { prefixes: deps.config.readers.scanner.prefixes, suffixes: deps.config.readers.scanner.suffixes };

  // Aggregators: authenticated by their own signature scheme, read before anything is looked up.
  app.post('/outgoing/tracking/:provider', async (c) => {
    const provider = c.req.param('provider');
    const update = readTrackingPush(
      provider,
      { body: await c.req.text(), header: (n) => c.req.header(n), query: (n) => c.req.query(n) },
      { generic: deps.config.outgoing.tracking.genericSecret, kuaidi100: deps.config.outgoing.tracking.kuaidi100Salt, aftership: deps.config.outgoing.tracking.aftershipSecret },
      new Date().toISOString(),
    );
    const { item, applied } = mail.applyTrackingUpdate(update, provider);
    const answer = { outgoingId: item.id, status: item.status, applied };
    // Kuaidi100 re-pushes until it reads this acknowledgement.
    return c.json(provider === 'kuaidi100' ? { result: true, returnCode: '200', message: '成功', ...answer } : answer);
  });

  app.get('/outgoing/options', (c) =>
    c.json({ services: OUTGOING_SERVICES, homeCountry: deps.config.outgoing.homeCountry, insuredNeeds: ['declaredValue', 'declaredCurrency'] }),
  );

  // Kiosk: the employee identifies with their badge; the answer names no one.
  app.post('/outgoing', async (c) => {
    const body = await readJson(c, dropOffBody);
    const sender = deps.outgoing.badges.identify(body.tap !== undefined ? deps.readers.takeTap(body.tap) : body.badge!);
    const item = await mail.dropOff({
      sender,
      addressee: body.addressee,
      service: body.service,
      declaredValue: body.declaredValue,
      declaredCurrency: body.declaredCurrency,
      size: body.size,
    });
    return c.json({ id: item.id, door: item.doorId, status: item.status, service: item.service }, 201);
  });

  app.get('/outgoing/claims', (c) => {
    clerk(c);
    const records = deps.store.outgoing.claims().map((cl) => claimRecord(deps, cl));
    if (c.req.query('format') === 'csv') return csvResponse(c, 'outgoing-claims.csv', toCsv(CLAIM_CSV_HEADER, records.map(claimCsvRow)));
    return c.json({ claims: records });
  });

  app.get('/outgoing', (c) => {
    clerk(c);
    const status = c.req.query('status');
    if (status !== undefined && !(OUTGOING_STATUSES as readonly string[]).includes(status))
      throw new DomainError('invalid_field', `status must be one of ${OUTGOING_STATUSES.join(', ')}`, 422, { field: 'status' });
    const items = deps.store.outgoing.list({ status: status as OutgoingStatus | undefined, senderId: c.req.query('senderId'), alert: c.req.query('alert') === 'open' });
    return c.json({ items: items.map((i) => presentOutgoing(deps, i)) });
  });

  app.get('/outgoing/:id', (c) => {
    clerk(c);
    const item = mail.require(c.req.param('id'));
    return c.json(presentOutgoing(deps, item, deps.store.outgoing.events(item.id)));
  });

  app.post('/outgoing/:id/collect', async (c) => {
    const session = clerk(c);
    const item = await mail.collect(c.req.param('id'), `clerk:${session.staffId}`);
    return c.json(presentOutgoing(deps, item));
  });

  app.post('/outgoing/:id/dispatch', async (c) => {
    const session = clerk(c);
    const body = await readJson(c, dispatchBody);
    const item = mail.dispatch(c.req.param('id'), {
      scan: labelReading(body, scanOptions),
      carrier: body.carrier,
      product: body.product,
      postage: body.postage,
      expectedDeliveryDate: body.expectedDeliveryDate,
      actor: `clerk:${session.staffId}`,
    });
    return c.json(presentOutgoing(deps, item, deps.store.outgoing.events(item.id)));
  });

  app.post('/outgoing/:id/cancel', async (c) => {
    const session = clerk(c);
    const body = await readJson(c, cancelBody);
    return c.json(presentOutgoing(deps, mail.cancel(c.req.param('id'), `clerk:${session.staffId}`, body.reason)));
  });

  app.post('/outgoing/:id/claims', async (c) => {
    const session = clerk(c);
    const body = await readJson(c, claimBody);
    const claimId = mail.reportClaim(c.req.param('id'), body.kind, body.note, `clerk:${session.staffId}`);
    const claim = deps.store.outgoing.claims(c.req.param('id')).find((cl) => cl.id === claimId)!;
    return c.json(claimRecord(deps, claim), 201);
  });

  app.get('/outgoing/:id/claims', (c) => {
    clerk(c);
    const item = mail.require(c.req.param('id'));
    const records = deps.store.outgoing.claims(item.id).map((cl) => claimRecord(deps, cl));
    if (c.req.query('format') === 'csv') return csvResponse(c, `outgoing-${item.id}-claims.csv`, toCsv(CLAIM_CSV_HEADER, records.map(claimCsvRow)));
    return c.json({ claims: records });
  });

  const range = (c: Context) => {
    const tz = deps.config.rules.businessHours.timeZone;
    const to = parseInstant(c.req.query('to'), new Date(), tz, 'to');
    const from = parseInstant(c.req.query('from'), new Date(to.getTime() - 30 * 86_400_000), tz, 'from');
    if (from.getTime() >= to.getTime()) throw new DomainError('invalid_field', 'from must be before to', 422, { field: 'from' });
    return { from, to };
  };

  app.get('/admin/stats/outgoing', (c) => {
    admin(c);
    const { from, to } = range(c);
    const stats = deps.outgoing.statistics.compute(from, to);
    return c.req.query('format') === 'csv' ? csvResponse(c, 'stats-outgoing.csv', outgoingStatsCsv(stats)) : c.json(stats);
  });

  app.get('/admin/stats/departments', (c) => {
    admin(c);
    const { from, to } = range(c);
    const result = deps.outgoing.statistics.departments(from, to);
    if (c.req.query('format') === 'csv')
      return csvResponse(c, 'stats-departments.csv', toCsv(['department', 'sent', 'received'], result.departments.map((d) => [d.department, d.sent, d.received])));
    return c.json(result);
  });

  return app;
}

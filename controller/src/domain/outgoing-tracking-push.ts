import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { CarrierStatus } from './outgoing.ts';
import { DomainError } from './types.ts';

export const TRACKING_PROVIDERS = ['generic', 'kuaidi100', 'aftership'] as const;
export type TrackingProvider = (typeof TRACKING_PROVIDERS)[number];

/** One status report from an aggregator, in our words. `status: null` is a checkpoint without a status change. */
export interface TrackingUpdate {
  tracking: string;
  status: CarrierStatus | null;
  at: string;
  detail: Record<string, unknown>;
}

/** What the HTTP layer hands over: the raw body (signatures cover its exact bytes), headers and query. */
export interface TrackingPush {
  body: string;
  header(name: string): string | undefined;
  query(name: string): string | undefined;
}

export interface TrackingSecrets {
  generic: string;
  kuaidi100: string;
  aftership: string;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const unauthenticated = (why: string) => new DomainError('bad_signature', `${why} Nothing was changed.`, 401);
const malformed = (why: string) => new DomainError('malformed_push', `${why} Nothing was changed.`, 400);
const invalid = (why: string) => new DomainError('invalid_push', `${why} Nothing was changed.`, 422);

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw malformed(`${what} is not valid JSON.`);
  }
}

function object(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(`${what} must be a JSON object.`);
  return value as Record<string, unknown>;
}

function text(value: unknown, what: string, max = 64): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) throw invalid(`${what} must be a non-empty string of at most ${max} characters.`);
  return value.trim();
}

function instant(value: unknown, fallback: string, what: string): string {
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value !== 'string') throw invalid(`${what} must be an ISO 8601 time.`);
  // Kuaidi100 sends "2024-05-06 12:34:56" in China time; a bare time without an offset is read as +08:00.
  const normalised = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(value) ? `${value.replace(' ', 'T')}+08:00` : value;
  const ms = Date.parse(normalised);
  if (Number.isNaN(ms)) throw invalid(`${what} "${value}" is not a time.`);
  return new Date(ms).toISOString();
}

/** Our own JSON: `{"tracking","status","at"?,"detail"?}`, authenticated by a shared secret header. */
function generic(push: TrackingPush, secret: string, now: string): TrackingUpdate {
  const given = push.header('x-lockerwall-secret') ?? /^Bearer\s+(\S+)$/i.exec(push.header('authorization') ?? '')?.[1];
  if (!secret || !given || !sameText(given, secret)) throw unauthenticated('The push did not carry the shared secret (header X-Lockerwall-Secret).');
  const body = object(parseJson(push.body, 'The body'), 'The body');
  const status = body.status;
  if (status !== 'in_transit' && status !== 'exception' && status !== 'delivered' && status !== 'returned')
    throw invalid('status must be one of in_transit, exception, delivered, returned.');
  const detail = body.detail === undefined ? undefined : text(body.detail, 'detail', 500);
  return { tracking: text(body.tracking, 'tracking').toUpperCase(), status, at: instant(body.at, now, 'at'), detail: detail ? { detail } : {} };
}

/**
 * Kuaidi100 (快递100) subscription push: a form POST with `param` (JSON: `lastResult.{nu,state,data[]}`)
 * and `sign` = upper-case MD5(param + salt), the salt given when subscribing.
 * state: 0 在途, 1 揽收, 5 派件, 7 转投, 8 清关 → in transit; 3 签收 → delivered; 2 疑难 → exception;
 * 4 退签, 6 退回, 14 拒签 → returned.
 */
const KUAIDI100_STATES: Record<string, CarrierStatus> = {
  '0': 'in_transit',
  '1': 'in_transit',
  '5': 'in_transit',
  '7': 'in_transit',
  '8': 'in_transit',
  '3': 'delivered',
  '2': 'exception',
  '4': 'returned',
  '6': 'returned',
  '14': 'returned',
};

function kuaidi100(push: TrackingPush, salt: string, now: string): TrackingUpdate {
  const form = new URLSearchParams(push.body);
  const param = form.get('param');
  const sign = form.get('sign') ?? '';
  if (!salt || param === null || !sameText(sign.toUpperCase(), createHash('md5').update(param + salt, 'utf8').digest('hex').toUpperCase()))
    throw unauthenticated('The Kuaidi100 push sign does not match MD5(param + salt).');
  const last = object(object(parseJson(param, 'param'), 'param').lastResult, 'param.lastResult');
  const state = String(last.state ?? '');
  // other numeric states (e.g. 10 待清关) are checkpoints without a status change
  const status = Object.hasOwn(KUAIDI100_STATES, state) ? KUAIDI100_STATES[state]! : /^\d+$/.test(state) ? null : undefined;
  if (status === undefined) throw invalid('param.lastResult.state must be a Kuaidi100 state code.');
  const data = Array.isArray(last.data) ? (last.data as Record<string, unknown>[]) : [];
  const newest = data[0] && typeof data[0] === 'object' ? data[0] : {};
  return {
    tracking: text(last.nu, 'param.lastResult.nu').toUpperCase(),
    status,
    at: instant(newest.ftime ?? newest.time, now, 'param.lastResult.data[0].ftime'),
    detail: { provider: 'kuaidi100', state, ...(typeof newest.context === 'string' ? { detail: newest.context.slice(0, 500) } : {}), ...(typeof last.com === 'string' ? { company: last.com } : {}) },
  };
}

/**
 * AfterShip tracking webhook: JSON `{event, msg:{tracking_number, slug, tag, subtag, checkpoints}}`, signed
 * in the `aftership-hmac-sha256` header: base64 HMAC-SHA256 of the raw body with the webhook secret
 * (https://www.aftership.com/docs/tracking/webhook/webhook-signature).
 */
function aftership(push: TrackingPush, secret: string, now: string): TrackingUpdate {
  const given = push.header('aftership-hmac-sha256') ?? '';
  if (!secret || !sameText(given, createHmac('sha256', secret).update(push.body, 'utf8').digest('base64')))
    throw unauthenticated('The aftership-hmac-sha256 signature does not match the body.');
  const msg = object(object(parseJson(push.body, 'The body'), 'The body').msg, 'msg');
  const tag = text(msg.tag, 'msg.tag');
  const subtag = typeof msg.subtag === 'string' ? msg.subtag : '';
  let status: CarrierStatus | null;
  if (tag === 'Delivered') status = 'delivered';
  else if (tag === 'Exception' && /^Exception_01[01]$/.test(subtag)) status = 'returned';
  else if (tag === 'Exception' || tag === 'AttemptFail' || tag === 'Expired') status = 'exception';
  else if (tag === 'InTransit' || tag === 'OutForDelivery' || tag === 'AvailableForPickup') status = 'in_transit';
  else if (tag === 'InfoReceived' || tag === 'Pending') status = null;
  else throw invalid(`msg.tag "${tag}" is not an AfterShip delivery status.`);
  const checkpoints = Array.isArray(msg.checkpoints) ? (msg.checkpoints as Record<string, unknown>[]) : [];
  const newest = checkpoints.at(-1) ?? {};
  return {
    tracking: text(msg.tracking_number, 'msg.tracking_number').toUpperCase(),
    status,
    at: instant(newest.checkpoint_time ?? msg.updated_at, now, 'checkpoint_time'),
    detail: { provider: 'aftership', tag, ...(subtag ? { subtag } : {}), ...(typeof msg.slug === 'string' ? { slug: msg.slug } : {}), ...(typeof newest.message === 'string' ? { detail: newest.message.slice(0, 500) } : {}) },
  };
}

/** Authenticates and reads one push; throws 401 / 400 / 422 DomainErrors before anything is touched. */
export function readTrackingPush(provider: string, push: TrackingPush, secrets: TrackingSecrets, now: string): TrackingUpdate {
  if (provider === 'generic') return generic(push, secrets.generic, now);
  if (provider === 'kuaidi100') return kuaidi100(push, secrets.kuaidi100, now);
  if (provider === 'aftership') return aftership(push, secrets.aftership, now);
  throw new DomainError('unknown_provider', `No tracking provider "${provider}": use ${TRACKING_PROVIDERS.join(', ')}.`, 404);
}

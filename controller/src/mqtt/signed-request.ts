import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { SignedDoorRequest } from './topics.ts';

/** A signed request is valid for at most this long (expiresAt − issuedAt). */
export const MAX_REQUEST_LIFETIME_SECONDS = 30;

export type RefusalCode =
  | 'remote_commands_disabled'
  | 'retained'
  | 'malformed'
  | 'bad_signature'
  | 'expired'
  | 'not_yet_valid'
  | 'lifetime_too_long'
  | 'duplicate';

export class RequestRefused extends Error {
  constructor(
    readonly code: RefusalCode | string,
    message: string,
  ) {
    super(message);
    this.name = 'RequestRefused';
  }
}

/**
 * The exact bytes that are signed. The request name and wall id are included so a signature for
 * `identify` cannot be replayed as `open`, nor a request for one wall on another.
 *
 * @example canonicalString('open', 'wall-1', { door: '12', requestId: 'r1', issuedAt: 100, expiresAt: 120 })
 *   // 'lockerwall-v1\nopen\nwall-1\n12\nr1\n100\n120'
 */
export function canonicalString(
  name: string,
  wallId: string,
  r: Pick<SignedDoorRequest, 'door' | 'requestId' | 'issuedAt' | 'expiresAt'>,
): string {
  return ['lockerwall-v1', name, wallId, r.door, r.requestId, String(r.issuedAt), String(r.expiresAt)].join('\n');
}

export function signRequest(key: string, name: string, wallId: string, r: Pick<SignedDoorRequest, 'door' | 'requestId' | 'issuedAt' | 'expiresAt'>): string {
  return createHmac('sha256', key).update(canonicalString(name, wallId, r)).digest('hex');
}

/** Parses and checks shape only; never trusts anything before the signature is verified. */
export function parseSignedRequest(payload: unknown): SignedDoorRequest {
  const p = payload as Partial<Record<keyof SignedDoorRequest, unknown>> | null;
  if (typeof p !== 'object' || p === null) throw new RequestRefused('malformed', 'The request must be a JSON object.');
  const { door, requestId, issuedAt, expiresAt, signature, transaction } = p;
  if (typeof door !== 'string' || !/^[A-Za-z0-9_-]{1,16}$/.test(door))
    throw new RequestRefused('malformed', '"door" must be a door label such as "12".');
  if (typeof requestId !== 'string' || !/^[A-Za-z0-9_.:-]{8,128}$/.test(requestId))
    throw new RequestRefused('malformed', '"requestId" must be 8–128 letters, digits or - _ . : (a UUID is ideal).');
  if (!Number.isSafeInteger(issuedAt) || !Number.isSafeInteger(expiresAt))
    throw new RequestRefused('malformed', '"issuedAt" and "expiresAt" must be whole Unix seconds.');
  if (typeof signature !== 'string' || !/^[0-9a-f]{64}$/i.test(signature))
    throw new RequestRefused('malformed', '"signature" must be a hex HMAC-SHA256 (64 characters).');
  return {
    door,
    requestId,
    issuedAt: issuedAt as number,
    expiresAt: expiresAt as number,
    signature: signature.toLowerCase(),
    ...(typeof transaction === 'string' ? { transaction } : {}),
  };
}

/**
 * Signature first (so an attacker learns nothing about timing rules without the key), then the
 * validity window. `nowSeconds` is injected; `skewSeconds` tolerates a sender clock slightly ahead.
 */
export function verifySignedRequest(
  r: SignedDoorRequest,
  options: { key: string; name: string; wallId: string; nowSeconds: number; skewSeconds: number },
): void {
  const expected = Buffer.from(signRequest(options.key, options.name, options.wallId, r), 'hex');
  const given = Buffer.from(r.signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new RequestRefused('bad_signature', 'The signature does not match — check the key and the signed fields.');
  if (r.expiresAt <= r.issuedAt || r.expiresAt - r.issuedAt > MAX_REQUEST_LIFETIME_SECONDS)
    throw new RequestRefused(
      'lifetime_too_long',
      `expiresAt must be after issuedAt and at most ${MAX_REQUEST_LIFETIME_SECONDS} s later.`,
    );
  if (r.issuedAt > options.nowSeconds + options.skewSeconds)
    throw new RequestRefused('not_yet_valid', 'The request was issued in the future — check the sender\'s clock (NTP).');
  if (options.nowSeconds > r.expiresAt)
    throw new RequestRefused('expired', `The request expired at ${new Date(r.expiresAt * 1000).toISOString()} — sign a new one.`);
}

/**
 * A ready-to-publish signed request, for tools and bridges (see sign-request-cli.ts).
 *
 * @example buildSignedRequest({ name: 'open', wallId: 'wall-1', door: '12', key, nowSeconds: Date.now() / 1000 })
 */
export function buildSignedRequest(options: {
  name: 'open' | 'identify';
  wallId: string;
  door: string;
  key: string;
  nowSeconds: number;
  ttlSeconds?: number;
  requestId?: string;
  transaction?: string;
}): SignedDoorRequest {
  const issuedAt = Math.floor(options.nowSeconds);
  const ttl = Math.min(MAX_REQUEST_LIFETIME_SECONDS, Math.max(1, Math.floor(options.ttlSeconds ?? 20)));
  const r = { door: options.door, requestId: options.requestId ?? randomUUID(), issuedAt, expiresAt: issuedAt + ttl };
  return {
    ...r,
    signature: signRequest(options.key, options.name, options.wallId, r),
    ...(options.transaction !== undefined ? { transaction: options.transaction } : {}),
  };
}

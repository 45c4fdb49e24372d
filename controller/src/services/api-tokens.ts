import { randomBytes } from 'node:crypto';
import { DomainError } from '../domain/types.ts';
import { tokenDigest } from '../security/digests.ts';
import { API_SCOPES, type ApiScope } from '../store/api-tokens-repo.ts';
import type { Store } from '../store/store.ts';

/** API tokens are recognisable, so a leaked one can be found by secret scanners. */
export const API_TOKEN_PREFIX = 'lwt_';

/** Creates an integration token; the plain token is returned once and never stored. */
export function issueApiToken(store: Store, name: string, scopes: string[], now: Date): string {
  if (!/^[A-Za-z0-9_.-]{1,40}$/.test(name)) throw new DomainError('invalid_field', 'A token name is 1-40 letters, digits, . _ or -.', 422);
  const bad = scopes.filter((s) => !(API_SCOPES as readonly string[]).includes(s));
  if (scopes.length === 0 || bad.length) throw new DomainError('invalid_field', `Scopes must be some of ${API_SCOPES.join(', ')}.`, 422);
  const token = API_TOKEN_PREFIX + randomBytes(32).toString('base64url');
  store.apiTokens.add(name, tokenDigest(token), scopes as ApiScope[], now.toISOString());
  return token;
}

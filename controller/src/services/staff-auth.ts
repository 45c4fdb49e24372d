import { randomBytes } from 'node:crypto';
import type { LockerwallConfig } from '../../../config/schema.ts';
import { AttemptThrottle } from '../domain/attempt-throttle.ts';
import { DomainError, type Clock } from '../domain/types.ts';
import { tokenDigest } from '../security/digests.ts';
import { hashPin, verifyPin } from '../security/pins.ts';
import type { ApiScope } from '../store/api-tokens-repo.ts';
import { API_TOKEN_PREFIX } from './api-tokens.ts';
import type { Store } from '../store/store.ts';
import type { BadgeCredential } from '../readers/index.ts';
import type { BadgeDirectory } from './badge-directory.ts';

export const DEMO_STAFF = [
  { id: 'demo-clerk', name: 'Demo clerk', role: 'clerk', pin: '1234' },
  { id: 'demo-admin', name: 'Demo admin', role: 'admin', pin: '9876' },
] as const;

export interface StaffSession {
  token: string;
  staffId: string;
  role: 'clerk' | 'admin';
  name: string;
  expiresAt: string;
}

/** Clerk and admin sign-in by PIN or badge; sessions are random tokens stored as digests, with expiry. */
export class StaffAuth {
  private readonly loginThrottle = new AttemptThrottle({ freeFailures: 5, baseDelayMs: 1_000, maxDelayMs: 60_000, dailyLimit: 200 });

  constructor(
    private readonly config: LockerwallConfig,
    private readonly store: Store,
    private readonly badges: BadgeDirectory,
    private readonly clock: Clock,
  ) {}

  /** Demo staff exist only in demo mode: outside it their PINs are removed so 1234 opens nothing. */
  async seedDemoStaff(): Promise<void> {
    const now = this.clock.now().toISOString();
    for (const s of DEMO_STAFF) {
      if (this.config.demo) {
        const existing = this.store.staff.get(s.id);
        if (!existing?.pinHash) this.store.staff.upsert({ id: s.id, name: s.name, role: s.role, pinHash: await hashPin(s.pin), recipientId: null }, now);
      } else {
        this.store.db.prepare('UPDATE staff SET active = 0, pin_hash = NULL WHERE id = ?').run(s.id);
      }
    }
  }

  async loginWithPin(pin: string, source: string): Promise<StaffSession> {
    if (!/^\d{4,12}$/.test(pin)) throw new DomainError('invalid_pin', 'A PIN has 4 to 12 digits.', 400);
    this.guard(source);
    for (const member of this.store.staff.withPins()) {
      if (await verifyPin(pin, member.pinHash!)) {
        this.loginThrottle.succeed(source, this.clock.now());
        return this.openSession(member.id, member.role, member.name);
      }
    }
    this.loginThrottle.fail(source, this.clock.now());
    throw new DomainError('wrong_pin', 'Wrong PIN.', 401);
  }

  loginWithBadge(badge: string | BadgeCredential, source: string): StaffSession {
    this.guard(source);
    let recipientId: string;
    try {
      recipientId = this.badges.identify(badge).id;
    } catch (error) {
      this.loginThrottle.fail(source, this.clock.now());
      throw error;
    }
    const member = this.store.staff.byRecipient(recipientId);
    if (!member) {
      this.loginThrottle.fail(source, this.clock.now());
      throw new DomainError('not_staff', 'This badge belongs to someone who is not a clerk or admin.', 403);
    }
    this.loginThrottle.succeed(source, this.clock.now());
    return this.openSession(member.id, member.role, member.name);
  }

  /**
   * The caller behind a bearer token: a clerk/admin session (extended on use) or an integration's API
   * token, which must carry the scope `<role>:<access>`. Throws 401/403 otherwise.
   */
  authenticate(token: string | undefined, needed: 'clerk' | 'admin', access: 'read' | 'write' = 'write'): { staffId: string; role: 'clerk' | 'admin' } {
    if (!token) throw new DomainError('unauthenticated', 'Sign in as a clerk first.', 401);
    const digest = tokenDigest(token);
    const now = this.clock.now();
    if (token.startsWith(API_TOKEN_PREFIX)) {
      const apiToken = this.store.apiTokens.byDigest(digest, now.toISOString());
      if (!apiToken) throw new DomainError('unauthenticated', 'Unknown or revoked API token.', 401);
      const wanted = `${needed}:${access}` as ApiScope;
      // an admin scope covers the clerk scope of the same access
      if (!apiToken.scopes.includes(wanted) && !(needed === 'clerk' && apiToken.scopes.includes(`admin:${access}`)))
        throw new DomainError('forbidden', `This API token lacks the scope ${wanted}.`, 403);
      return { staffId: `token:${apiToken.name}`, role: apiToken.scopes.some((s) => s.startsWith('admin:')) ? 'admin' : 'clerk' };
    }
    const session = this.store.staff.session(digest);
    if (!session || Date.parse(session.expiresAt) <= now.getTime())
      throw new DomainError('session_expired', 'Your session has ended — sign in again.', 401);
    if (needed === 'admin' && session.role !== 'admin') throw new DomainError('forbidden', 'This needs an admin.', 403);
    this.store.staff.extendSession(digest, this.expiry(now));
    return { staffId: session.staffId, role: session.role };
  }

  logout(token: string): void {
    this.store.staff.deleteSession(tokenDigest(token));
  }

  private guard(source: string): void {
    const verdict = this.loginThrottle.check(source, this.clock.now());
    if (!verdict.allowed)
      throw new DomainError('too_many_attempts', `Too many failed sign-ins — wait ${Math.ceil(verdict.retryAfterMs / 1000)} s.`, 429, {
        retryAfterSeconds: Math.ceil(verdict.retryAfterMs / 1000),
      });
  }

  private openSession(staffId: string, role: 'clerk' | 'admin', name: string): StaffSession {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = this.expiry(now);
    this.store.staff.addSession(tokenDigest(token), { staffId, role, expiresAt }, now.toISOString());
    return { token, staffId, role, name, expiresAt };
  }

  private expiry(now: Date): string {
    return new Date(now.getTime() + this.config.clerk.sessionMinutes * 60_000).toISOString();
  }
}

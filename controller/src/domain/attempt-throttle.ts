export interface ThrottlePolicy {
  /** consecutive failures allowed before delays start. */
  freeFailures: number;
  /** first delay; doubles with every further failure. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** failures per day after which the source is refused until the day ends. */
  dailyLimit: number;
}

export const CODE_GUESSING_POLICY: ThrottlePolicy = { freeFailures: 5, baseDelayMs: 2_000, maxDelayMs: 300_000, dailyLimit: 100 };

interface SourceState {
  consecutive: number;
  day: string;
  failuresToday: number;
  blockedUntil: number;
}

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterMs: number; reason: 'delay' | 'daily_limit' };

/**
 * Failed-attempt throttling per source (a kiosk, a client address): free attempts, then a doubling
 * delay, and a daily cap. Pure: the caller passes the time.
 */
export class AttemptThrottle {
  private readonly sources = new Map<string, SourceState>();

  constructor(private readonly policy: ThrottlePolicy) {}

  check(source: string, now: Date): ThrottleVerdict {
    const s = this.state(source, now);
    if (s.failuresToday >= this.policy.dailyLimit) {
      const tomorrow = new Date(now);
      tomorrow.setUTCHours(24, 0, 0, 0);
      return { allowed: false, retryAfterMs: tomorrow.getTime() - now.getTime(), reason: 'daily_limit' };
    }
    if (s.blockedUntil > now.getTime()) return { allowed: false, retryAfterMs: s.blockedUntil - now.getTime(), reason: 'delay' };
    return { allowed: true };
  }

  /** Records a failure; returns true when this failure crossed into throttling (time to raise an alarm). */
  fail(source: string, now: Date): boolean {
    const s = this.state(source, now);
    s.consecutive++;
    s.failuresToday++;
    const over = s.consecutive - this.policy.freeFailures;
    if (over > 0) s.blockedUntil = now.getTime() + Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (over - 1));
    return over === 1 || s.failuresToday === this.policy.dailyLimit;
  }

  succeed(source: string, now: Date): void {
    const s = this.state(source, now);
    s.consecutive = 0;
    s.blockedUntil = 0;
  }

  private state(source: string, now: Date): SourceState {
    const day = now.toISOString().slice(0, 10);
    let s = this.sources.get(source);
    if (!s || s.day !== day) {
      s = { consecutive: s?.day === day ? s.consecutive : 0, day, failuresToday: 0, blockedUntil: s?.blockedUntil ?? 0 };
      this.sources.set(source, s);
    }
    return s;
  }
}

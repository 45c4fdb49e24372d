export const PICKUP_CODE_LENGTH = 8;

/** Draws an 8-digit code from a CSPRNG without modulo bias (rejection sampling on 32-bit draws). */
export function drawPickupCode(randomUint32: () => number): string {
  const limit = 4_000_000_000; // largest multiple of 10^8 below 2^32
  for (;;) {
    const n = randomUint32();
    if (n < limit) return String(n % 100_000_000).padStart(PICKUP_CODE_LENGTH, '0');
  }
}

/** What a person may type: digits only, ignoring spaces and dashes they add for readability. */
export function normaliseEnteredCode(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  return /^\d{8}$/.test(digits) ? digits : null;
}

export type CodeCheck = 'valid' | 'expired' | 'used';

export function checkCode(credential: { expiresAt: string | null; usedAt: string | null }, now: Date): CodeCheck {
  if (credential.usedAt) return 'used';
  if (credential.expiresAt && new Date(credential.expiresAt).getTime() <= now.getTime()) return 'expired';
  return 'valid';
}

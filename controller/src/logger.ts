import pino from 'pino';

/** Structured JSON logs. Codes, badges, PINs and tokens are redacted wherever they appear as fields. */
export function createLogger(level = process.env.LOCKERWALL_LOG_LEVEL ?? 'info') {
  return pino({
    level,
    base: { service: 'lockerwall' },
    redact: { paths: ['code', 'pickupCode', 'badge', 'pin', 'token', '*.code', '*.pickupCode', '*.badge', '*.pin', '*.token'], censor: '[redacted]' },
  });
}

export type Logger = ReturnType<typeof createLogger>;

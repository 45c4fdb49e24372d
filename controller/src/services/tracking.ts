import { DomainError } from '../domain/types.ts';

export interface ResolvedTracking {
  tracking: string;
  carrier: string | null;
  rawScan: string | null;
}

export type TrackingResolver = (input: { scan?: string; tracking?: string }) => ResolvedTracking;

const TRACKING_PATTERN = /^[A-Za-z0-9-]{4,40}$/;

/** Typed tracking numbers are accepted as the clerk typed them, upper-cased. */
export function resolveTypedTracking(tracking: string): ResolvedTracking {
  const t = tracking.trim().toUpperCase();
  if (!TRACKING_PATTERN.test(t))
    throw new DomainError('invalid_tracking', 'A tracking number is 4 to 40 letters, digits or dashes.', 422);
  return { tracking: t, carrier: null, rawScan: null };
}

/** Until the scan normaliser lands: terminators and AIM identifiers stripped, no carrier detection. */
export function resolveScanBasic(raw: string): ResolvedTracking {
  const cleaned = raw.replace(/[\r\n]+$/g, '').replace(/^\][A-Za-z]\d/, '');
  if (!cleaned.trim()) throw new DomainError('empty_scan', 'The scan was empty — scan the label again.', 422);
  return { ...resolveTypedTracking(cleaned), rawScan: raw };
}

export function makeTrackingResolver(fromScan: (raw: string) => ResolvedTracking): TrackingResolver {
  return ({ scan, tracking }) => {
    if (typeof scan === 'string') return fromScan(scan);
    if (typeof tracking === 'string') return resolveTypedTracking(tracking);
    throw new DomainError('missing_tracking', 'Send "scan" (the raw scanner line) or "tracking".', 422);
  };
}

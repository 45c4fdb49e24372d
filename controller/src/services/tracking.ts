import { DomainError } from '../domain/types.ts';
import { normaliseScan } from '../readers/index.ts';
import type { ScanOptions, ServiceClassHint } from '../readers/scan/types.ts';

export interface ResolvedTracking {
  tracking: string;
  carrier: string | null;
  /** the scan with control characters made visible, kept beside the number. */
  rawScan: string | null;
  serviceClassHint?: ServiceClassHint;
  /** zip, country and service where the label carries them. */
  labelDetail: Record<string, string>;
}

export type TrackingResolver = (input: { scan?: string; tracking?: string; carrier?: string }) => ResolvedTracking;

const TRACKING_PATTERN = /^[A-Z0-9-]{4,40}$/;

function labelDetail(c: { zip?: string; country?: string; service?: string }): Record<string, string> {
  return Object.fromEntries(Object.entries({ zip: c.zip, country: c.country, service: c.service }).filter(([, v]) => v !== undefined)) as Record<string, string>;
}

/**
 * A raw scan must normalise to exactly one tracking number: ambiguous, invalid (check digit) and unknown
 * labels are refused with what the clerk needs to decide. A typed number is checked the same way, but an
 * unknown format is accepted as typed (internal mail, small couriers).
 */
export function makeTrackingResolver(options: ScanOptions = {}): TrackingResolver {
  return ({ scan, tracking, carrier }) => {
    if (typeof scan === 'string') {
      const result = normaliseScan(scan, options);
      switch (result.status) {
        case 'ok':
          return { tracking: result.tracking, carrier: result.carrier, rawScan: result.rawVisible, serviceClassHint: result.serviceClassHint, labelDetail: labelDetail(result) };
        case 'ambiguous':
          throw new DomainError('ambiguous_scan', 'This label reads as more than one tracking number — choose the right one.', 422, {
            candidates: result.candidates,
            raw: result.rawVisible,
          });
        case 'invalid':
          throw new DomainError('invalid_scan', `${result.message} Scan it again or type the number.`, 422, { reason: result.reason, raw: result.rawVisible });
        case 'empty':
          throw new DomainError('empty_scan', 'The scan was empty — scan the label again.', 422);
        default:
          throw new DomainError('unknown_scan', `${result.message} Type the tracking number to deposit it anyway.`, 422, { raw: result.rawVisible });
      }
    }
    if (typeof tracking === 'string') {
      const typed = tracking.trim().toUpperCase().replace(/\s+/g, '');
      if (!TRACKING_PATTERN.test(typed)) throw new DomainError('invalid_tracking', 'A tracking number is 4 to 40 letters, digits or dashes.', 422);
      const result = normaliseScan(typed, options);
      if (result.status === 'invalid')
        throw new DomainError('invalid_tracking', `${result.message} Check the number for a typo.`, 422, { reason: result.reason });
      if (result.status === 'ok' && (!carrier || carrier === result.carrier))
        return { tracking: result.tracking, carrier: result.carrier, rawScan: null, serviceClassHint: result.serviceClassHint, labelDetail: labelDetail(result) };
      if (result.status === 'ambiguous' && carrier) {
        const chosen = result.candidates.find((c) => c.carrier === carrier);
        if (chosen) return { tracking: chosen.tracking, carrier: chosen.carrier, rawScan: null, serviceClassHint: chosen.serviceClassHint, labelDetail: labelDetail(chosen) };
      }
      return { tracking: typed, carrier: carrier ?? null, rawScan: null, labelDetail: {} };
    }
    throw new DomainError('missing_tracking', 'Send "scan" (the raw scanner line) or "tracking".', 422);
  };
}

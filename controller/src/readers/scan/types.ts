/** Carriers a scan can resolve to. `china-post` / `ems` are China Post domestic numbers (see README). */
export type Carrier =
  | 'ups'
  | 'usps'
  | 'fedex'
  | 'dhl'
  | 'amazon'
  | 'sf-express'
  | 'sscc'
  | 'upu'
  | 'ontrac'
  | 'china-post'
  | 'ems';

/** The item classes a label itself can suggest (UPU S10 service indicator). */
export type ServiceClassHint = 'registered' | 'insured' | 'express';

/** One reading of a label: what the clerk would type if the scanner were broken. */
export interface TrackingCandidate {
  tracking: string;
  carrier: Carrier;
  /** destination ZIP / postcode carried in the label (USPS `420`+ZIP, GS1 AI 420/421). */
  zip?: string;
  /** ISO 3166 alpha-2: origin for UPU S10, destination for GS1 AI 421. */
  country?: string;
  /** UPU S10 service, e.g. `registered`, `express`, `parcel`. */
  service?: string;
  serviceClassHint?: ServiceClassHint;
}

interface RawScan {
  /** the scan exactly as received. */
  raw: string;
  /** the scan with control characters spelt out (`<GS>`, `<CR>`, `<LF>`), safe to show and log-free to store. */
  rawVisible: string;
}

export type ScanResult =
  | ({ status: 'ok' } & TrackingCandidate & RawScan)
  | ({ status: 'ambiguous'; candidates: TrackingCandidate[] } & RawScan)
  | ({ status: 'invalid'; reason: string; carrier?: Carrier; message: string } & RawScan)
  | ({ status: 'empty' } & RawScan)
  | ({ status: 'unknown'; message: string } & RawScan);

export interface ScanOptions {
  /** keyboard-wedge prefixes configured in the scanner (e.g. `"SCAN:"`), removed once from the start. */
  prefixes?: string[];
  /** keyboard-wedge suffixes configured in the scanner (e.g. `"\t"`), removed once from the end. */
  suffixes?: string[];
}

/**
 * How one label format read a cleaned scan.
 * `valid: false` means the shape matched but a check digit (or country code) did not.
 */
export interface FormatReading {
  family: Carrier;
  valid: boolean;
  /** why an invalid reading failed; `check digit` unless said otherwise. */
  reason?: string;
  candidate: TrackingCandidate;
}

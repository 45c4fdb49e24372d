export { normaliseScan } from './normalise-scan.ts';
export { showControlCharacters } from './visible.ts';
export { parseGs1 } from './gs1.ts';
export type { Gs1Element, Gs1Parse } from './gs1.ts';
export { gs1Mod10Valid, gs1Mod10CheckDigit, s10CheckDigit, dhlMod7Valid, fedex12Valid, upsValid } from './check-digits.ts';
export type { Carrier, ScanOptions, ScanResult, ServiceClassHint, TrackingCandidate } from './types.ts';

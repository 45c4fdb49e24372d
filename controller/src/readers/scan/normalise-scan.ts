import { compactLabel, readSymbology, stripCodabar, stripPrefix, stripSuffix, stripTerminators } from './clean.ts';
import { gs1Mod10Valid } from './check-digits.ts';
import { readPlainLabel, formatZip } from './formats.ts';
import { countryFromIsoNumeric, GS, parseGs1 } from './gs1.ts';
import type { Carrier, FormatReading, ScanOptions, ScanResult, TrackingCandidate } from './types.ts';
import { showControlCharacters } from './visible.ts';

const CARRIER_NAMES: Record<Carrier, string> = {
  ups: 'UPS',
  usps: 'USPS',
  fedex: 'FedEx',
  dhl: 'DHL',
  amazon: 'Amazon',
  'sf-express': 'SF Express',
  sscc: 'SSCC',
  upu: 'UPU S10 postal',
  ontrac: 'OnTrac',
  'china-post': 'China Post',
  ems: 'EMS',
};

/** Readings of a GS1 element string label (AI 00 SSCC, AI 420/421 ship-to postcode + USPS 9x tracking). */
function readGs1Label(data: string): FormatReading[] {
  const { elements } = parseGs1(data);
  const out: FormatReading[] = [];
  let zip: string | undefined;
  let country: string | undefined;
  for (const { ai, data: value } of elements) {
    if (ai === '420') zip = /^\d{5}(\d{4})?$/.test(value) ? formatZip(value) : value;
    if (ai === '421' && /^\d{3}.+$/.test(value)) {
      country = countryFromIsoNumeric(value.slice(0, 3));
      zip = value.slice(3);
    }
  }
  const where = { ...(zip ? { zip } : {}), ...(country ? { country } : {}) };
  for (const { ai, data: value } of elements) {
    if (ai === '00' && /^\d{18}$/.test(value)) {
      out.push({ family: 'sscc', valid: gs1Mod10Valid(value), candidate: { tracking: value, carrier: 'sscc', ...where } });
    }
    const tracking = ai + value;
    if (/^9[1-5]$/.test(ai) && /^\d{22}$|^\d{26}$/.test(tracking)) {
      out.push({ family: 'usps', valid: gs1Mod10Valid(tracking), candidate: { tracking, carrier: 'usps', ...where } });
    }
  }
  return out;
}

/** `(420)78745(94)0011…` as printed under a GS1-128 barcode → element strings separated by GS. */
function humanReadableGs1(text: string): string {
  return text.replace(/\s+/g, '').replace(/\((\d{2,4})\)/g, (_m, ai: string, at: number) => (at === 0 ? ai : GS + ai));
}

const sameCandidate = (a: TrackingCandidate, b: TrackingCandidate): boolean =>
  a.carrier === b.carrier && a.tracking === b.tracking;

function decide(readings: FormatReading[], raw: string, rawVisible: string): ScanResult {
  const valid: TrackingCandidate[] = [];
  for (const r of readings.filter((x) => x.valid)) {
    if (!valid.some((c) => sameCandidate(c, r.candidate))) valid.push(r.candidate);
  }
  if (valid.length === 1) return { status: 'ok', ...valid[0]!, raw, rawVisible };
  if (valid.length > 1) return { status: 'ambiguous', candidates: valid, raw, rawVisible };
  const families = [...new Set(readings.map((r) => r.family))];
  if (families.length === 1) {
    const carrier = families[0]!;
    const reason = readings.find((r) => r.reason)?.reason ?? 'check digit';
    return {
      status: 'invalid',
      reason,
      carrier,
      message: `This looks like a ${CARRIER_NAMES[carrier]} number but its ${reason} is wrong — rescan the label, or type the number printed under the barcode.`,
      raw,
      rawVisible,
    };
  }
  return unknown(raw, rawVisible);
}

const unknown = (raw: string, rawVisible: string, message?: string): ScanResult => ({
  status: 'unknown',
  message: message ?? 'This is not a tracking number we recognise — type the tracking number, or choose the carrier by hand.',
  raw,
  rawVisible,
});

/**
 * Turn one raw scanner line into a tracking number and carrier. Pure; never throws.
 * Several valid readings come back as `ambiguous` candidates for the clerk to choose from.
 * @example normaliseScan(']C142078745\u001d9400111206206406260787\r')
 *   // { status: 'ok', tracking: '9400111206206406260787', carrier: 'usps', zip: '78745', … }
 */
export function normaliseScan(raw: string, options: ScanOptions = {}): ScanResult {
  const text = typeof raw === 'string' ? raw : '';
  const rawVisible = showControlCharacters(text);
  let body = stripTerminators(text);
  body = stripTerminators(stripSuffix(body, options.suffixes ?? []));
  body = stripPrefix(body, options.prefixes ?? []);
  const symbology = readSymbology(body.trim());
  // A visible GS (U+241D) is what some wedge keyboard layouts type for ASCII 29; NFKC folds the
  // full-width digits and letters a Chinese input method types into ASCII.
  let data = symbology.data.replaceAll('\u241d', GS).normalize('NFKC').trim();
  const humanReadable = /^\(\d{2,4}\)/.test(data);
  if (humanReadable) data = humanReadableGs1(data);
  if (data.replaceAll(GS, '').trim() === '') return { status: 'empty', raw: text, rawVisible };
  // EAN/UPC symbols hold 8, 12 or 13 digit product codes; anything else behind ]E is read as usual.
  if (symbology.retail && /^(\d{8}|\d{12,13})$/.test(data)) {
    return unknown(text, rawVisible, 'This is a product barcode (EAN/UPC), not a parcel label — scan the carrier label.');
  }
  if (symbology.gs1 || humanReadable || data.includes(GS)) {
    const readings = readGs1Label(data);
    if (readings.length > 0) return decide(readings, text, rawVisible);
  }
  const compact = compactLabel(stripCodabar(data.replaceAll(GS, '')));
  // A run of one repeated digit (test labels, "0000000000") satisfies several check digits by accident.
  if (compact === undefined || /^(\d)\1*$/.test(compact)) return unknown(text, rawVisible);
  return decide(readPlainLabel(compact), text, rawVisible);
}

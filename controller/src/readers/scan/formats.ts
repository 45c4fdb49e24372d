/**
 * Label formats read from a cleaned scan (upper-case letters and digits only, no AIM identifier, no GS).
 * Each reader returns how its format reads the number, valid or not, so the caller can tell
 * "one format matched but its check digit failed" from "nothing looks like this".
 */
import { gs1Mod10Valid, s10CheckDigit } from './check-digits.ts';
import { libraryAccepts } from './tracking-library.ts';
import type { Carrier, FormatReading, ServiceClassHint, TrackingCandidate } from './types.ts';

const reading = (family: Carrier, valid: boolean, candidate: Omit<TrackingCandidate, 'carrier'>): FormatReading => ({
  family,
  valid,
  candidate: { carrier: family, ...candidate },
});

function ups(s: string): FormatReading[] {
  if (!/^1Z[0-9A-Z]{16}$/.test(s)) return [];
  return [reading('ups', libraryAccepts('UPS', s), { tracking: s })];
}

function fedex(s: string): FormatReading[] {
  if (/^\d{12}$/.test(s)) return [reading('fedex', libraryAccepts('FedEx Express (12)', s), { tracking: s })];
  if (/^\d{15}$/.test(s)) return [reading('fedex', libraryAccepts('FedEx Ground', s), { tracking: s })];
  // Ground "96" barcode: 96 + SCNC(2) + service(3) + the 15-digit tracking number printed on the label.
  if (/^96\d{20}$/.test(s)) return [reading('fedex', libraryAccepts('FedEx Ground 96 (22)', s), { tracking: s.slice(7) })];
  // Express 34-digit barcode: the 12-digit tracking number is its tail, with the same check digit.
  if (/^100\d{31}$/.test(s)) return [reading('fedex', libraryAccepts('FedEx Express (34)', s), { tracking: s.slice(22) })];
  return [];
}

function dhl(s: string): FormatReading[] {
  if (/^\d{10}$/.test(s)) return [reading('dhl', libraryAccepts('DHL Express', s), { tracking: s })];
  if (/^\d{11}$/.test(s)) return [reading('dhl', libraryAccepts('DHL Express', s), { tracking: s })];
  return [];
}

function amazon(s: string): FormatReading[] {
  // TBA (US), TBC (Canada), TBM (Mexico): no check digit.
  if (!/^TB[ACM]\d{12}$/.test(s)) return [];
  return [reading('amazon', s.startsWith('TBA') ? libraryAccepts('Amazon Logistics', s) : true, { tracking: s })];
}

function ontrac(s: string): FormatReading[] {
  if (!/^[CD]\d{14}$/.test(s)) return [];
  return [reading('ontrac', libraryAccepts(s.startsWith('C') ? 'OnTrac' : 'OnTrac D', s), { tracking: s })];
}

function sfExpress(s: string): FormatReading[] {
  // SF Express waybills publish no check digit.
  return /^SF\d{12,13}$/.test(s) ? [reading('sf-express', true, { tracking: s })] : [];
}

/** China Post domestic 13-digit numbers; no published check digit, so recognised by prefix only (see README). */
function chinaPost(s: string): FormatReading[] {
  if (!/^\d{13}$/.test(s)) return [];
  if (/^1[01]/.test(s)) return [reading('ems', true, { tracking: s, service: 'express', serviceClassHint: 'express' })];
  if (/^9[89]/.test(s)) return [reading('china-post', true, { tracking: s })];
  return [];
}

const S10_SERVICES: Record<string, { service: string; hint?: ServiceClassHint }> = {
  R: { service: 'registered', hint: 'registered' },
  V: { service: 'insured', hint: 'insured' },
  E: { service: 'express', hint: 'express' },
  C: { service: 'parcel' },
  L: { service: 'tracked' },
  U: { service: 'letter' },
  M: { service: 'm-bag' },
  Q: { service: 'reply' },
  H: { service: 'e-commerce' },
};

// UPU S10 Annex: service indicators in use (as in tracking_number_data's S10 lookup).
const S10_SERVICE_INDICATOR = /^(E[A-Z]|L[A-Z]|M[A-Z]|Q[A-M]|R[A-Z]|U[A-Z]|V[A-Z]|C[A-Z]|H[A-Z]|[BDNPZ][A-Z]|A[V-Z]|G[AD])$/;

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
const NOT_A_POST = new Set(['EU', 'EZ', 'UN', 'ZZ', 'QO']);

/**
 * ISO 3166 alpha-2 as ICU knows it. The library's UPU member list lacks TW (Chunghwa Post issues
 * S10 numbers ending TW), so the country is checked against ICU rather than that list.
 */
function isIsoCountry(code: string): boolean {
  if (NOT_A_POST.has(code)) return false;
  try {
    return regionNames.of(code) !== code;
  } catch {
    return false;
  }
}

/** UPU S10: service indicator (2 letters), serial (8), check digit, ISO 3166 alpha-2 of the issuing post. */
function upuS10(s: string): FormatReading[] {
  const m = /^([A-Z])([A-Z])(\d{8})(\d)([A-Z]{2})$/.exec(s);
  if (!m) return [];
  const [, first = '', , serial = '', check = '', country = ''] = m;
  const known = S10_SERVICES[first] ?? { service: 'domestic' };
  const checkDigitOk = s10CheckDigit(serial) === Number(check);
  const valid = checkDigitOk && S10_SERVICE_INDICATOR.test(s.slice(0, 2)) && isIsoCountry(country);
  const result = reading('upu', valid, {
      tracking: s,
      country,
      service: known.service,
      ...(known.hint ? { serviceClassHint: known.hint } : {}),
  });
  // The check digit is right but the country or service indicator is not one the UPU assigns.
  if (checkDigitOk && !valid) result.reason = 'country or service code';
  return [result];
}

function formatZip(zip: string): string {
  return zip.length === 9 ? `${zip.slice(0, 5)}-${zip.slice(5)}` : zip;
}

/** USPS IMpb: 22 or 26 digits starting 91–95, optionally preceded by `420` + ZIP (5 or 9 digits) without GS. */
function usps(s: string): FormatReading[] {
  const out: FormatReading[] = [];
  if (/^9[1-5](\d{20}|\d{24})$/.test(s)) out.push(reading('usps', gs1Mod10Valid(s), { tracking: s }));
  if (s.startsWith('420')) {
    for (const zipLength of [5, 9]) {
      const tracking = s.slice(3 + zipLength);
      if (/^\d+$/.test(s.slice(3, 3 + zipLength)) && /^9[1-5](\d{20}|\d{24})$/.test(tracking)) {
        out.push(reading('usps', gs1Mod10Valid(tracking), { tracking, zip: formatZip(s.slice(3, 3 + zipLength)) }));
      }
    }
  }
  // Older 20-digit USPS numbers (e.g. 71… certified mail).
  if (/^\d{20}$/.test(s)) out.push(reading('usps', libraryAccepts('USPS 20', s), { tracking: s }));
  return out;
}

/** SSCC: 18 digits with GS1 mod 10, bare or behind AI `00` when the scanner sent no AIM identifier. */
function sscc(s: string): FormatReading[] {
  if (/^\d{18}$/.test(s)) return [reading('sscc', gs1Mod10Valid(s), { tracking: s })];
  if (/^00\d{18}$/.test(s)) return [reading('sscc', gs1Mod10Valid(s.slice(2)), { tracking: s.slice(2) })];
  return [];
}

const READERS = [ups, fedex, dhl, amazon, ontrac, sfExpress, chinaPost, upuS10, usps, sscc];

/** Every way the known label formats read `compact` (upper-case A–Z and 0–9 only). */
export function readPlainLabel(compact: string): FormatReading[] {
  return READERS.flatMap((read) => read(compact));
}

export { formatZip };

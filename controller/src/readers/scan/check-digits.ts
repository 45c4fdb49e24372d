/** Check-digit arithmetic for parcel labels. All functions take the full number including its check digit. */

const isDigits = (s: string): boolean => /^[0-9]+$/.test(s);

/**
 * GS1 mod-10 (SSCC, GTIN, USPS IMpb, FedEx Ground): weights 3,1,3,… from the rightmost data digit.
 * @example gs1Mod10Valid('006141411234567890') // true
 */
export function gs1Mod10Valid(number: string): boolean {
  if (number.length < 2 || !isDigits(number)) return false;
  return gs1Mod10CheckDigit(number.slice(0, -1)) === Number(number.at(-1));
}

export function gs1Mod10CheckDigit(data: string): number {
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    const digit = Number(data[data.length - 1 - i]);
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** DHL Express 10-digit waybill: the first nine digits mod 7 give the tenth. */
export function dhlMod7Valid(number: string): boolean {
  if (number.length < 2 || !isDigits(number)) return false;
  return Number(BigInt(number.slice(0, -1)) % 7n) === Number(number.at(-1));
}

const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7];

/** UPU S10 check digit over the 8 serial digits: 11 − (weighted sum mod 11), with 10 → 0 and 11 → 5. */
export function s10CheckDigit(serial: string): number {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(serial[i]) * (S10_WEIGHTS[i] ?? 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 0 : check === 11 ? 5 : check;
}

/** FedEx Express 12-digit: weights 1,3,7 repeating from the rightmost data digit, mod 11, then mod 10. */
export function fedex12Valid(number: string): boolean {
  if (number.length !== 12 || !isDigits(number)) return false;
  const weights = [1, 3, 7];
  let sum = 0;
  for (let i = 0; i < 11; i++) sum += Number(number[10 - i]) * (weights[i % 3] ?? 0);
  return (sum % 11) % 10 === Number(number[11]);
}

/**
 * UPS 1Z: mod 10 over the 15 characters after `1Z`, letters mapped to (code − 3) mod 10 (A=2 … Z=7),
 * odd positions (1-based) ×1, even ×2.
 */
export function upsValid(number: string): boolean {
  if (!/^1Z[0-9A-Z]{16}$/.test(number)) return false;
  const body = number.slice(2, 17);
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] ?? '0';
    const value = /[0-9]/.test(ch) ? Number(ch) : (ch.charCodeAt(0) - 3) % 10;
    sum += i % 2 === 1 ? value * 2 : value;
  }
  const check = (10 - (sum % 10)) % 10;
  return String(check) === number[17];
}

/**
 * Makers of valid parcel-label numbers, written independently of the production check-digit code
 * (straight from each carrier's published rule) so the tests check the product against the rule.
 */

/** GS1 / USPS mod 10: from the right, data digits weighted 3,1,3,… */
export function withMod10(data: string): string {
  const digits = [...data].reverse().map(Number);
  const sum = digits.reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 3 : 1), 0);
  return data + String((10 - (sum % 10)) % 10);
}

export function withS10Check(prefix: string, serial: string, country: string): string {
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  const sum = [...serial].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
  let check = 11 - (sum % 11);
  if (check === 10) check = 0;
  if (check === 11) check = 5;
  return `${prefix}${serial}${check}${country}`;
}

export function withDhlCheck(nine: string): string {
  return nine + String(Number(nine) % 7);
}

export function withUpsCheck(fifteen: string): string {
  const value = (ch: string): number => (/\d/.test(ch) ? Number(ch) : (ch.charCodeAt(0) - 3) % 10);
  const sum = [...fifteen].reduce((acc, ch, i) => acc + value(ch) * (i % 2 === 1 ? 2 : 1), 0);
  return `1Z${fifteen}${(10 - (sum % 10)) % 10}`;
}

export function withFedex12Check(eleven: string): string {
  const weights = [3, 1, 7];
  const sum = [...eleven].reduce((acc, d, i) => acc + Number(d) * weights[i % 3]!, 0);
  return eleven + String((sum % 11) % 10);
}

/** change the last digit so the check digit is wrong. */
export function breakCheck(number: string): string {
  const last = Number(number.at(-1));
  return number.slice(0, -1) + String((last + 1) % 10);
}

/** a deterministic digit string (no Math.random: failures must reproduce). */
export function digits(seed: number, length: number): string {
  let out = '';
  let x = seed * 2654435761 + 12345;
  while (out.length < length) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += String(Math.floor((x / 2147483648) * 10));
  }
  return out;
}

import { upsValid } from '../../../controller/src/readers/scan/check-digits.ts';

/** A fresh UPS 1Z number with a correct check digit, so the controller's scan reader accepts it. */
export function upsTrackingNumber(): string {
  const body = `1Z999AA1${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
  for (let check = 0; check <= 9; check++) if (upsValid(`${body}${check}`)) return `${body}${check}`;
  throw new Error(`no check digit makes ${body} valid`);
}

/**
 * GS1 element strings (GS1 General Specifications §3, §7.8): an Application Identifier (AI) followed by
 * fixed-length data, or variable-length data ended by FNC1 — sent by scanners as ASCII 29 (GS) — or by the
 * end of the symbol. Only the AIs found on parcel labels are known; parsing stops at the first unknown AI.
 */

export const GS = '\u001d';

export interface Gs1Element {
  ai: string;
  data: string;
}

export interface Gs1Parse {
  elements: Gs1Element[];
  /** data after the last element that could be parsed ('' when everything was understood). */
  rest: string;
}

interface AiRule {
  /** fixed data length, or the maximum for variable-length AIs. */
  length: number;
  variable: boolean;
}

const fixed = (length: number): AiRule => ({ length, variable: false });
const variable = (length: number): AiRule => ({ length, variable: true });

function ruleFor(data: string): { ai: string; rule: AiRule } | undefined {
  const two = data.slice(0, 2);
  const three = data.slice(0, 3);
  if (two === '00') return { ai: two, rule: fixed(18) }; // SSCC
  if (two === '01' || two === '02') return { ai: two, rule: fixed(14) }; // GTIN
  if (two === '10' || two === '21') return { ai: two, rule: variable(20) };
  if (/^1[1-7]$/.test(two)) return { ai: two, rule: fixed(6) }; // dates
  if (three === '400' || three === '401' || three === '403') return { ai: three, rule: variable(30) };
  if (three === '402') return { ai: three, rule: fixed(17) }; // GSIN
  if (three === '420') return { ai: three, rule: variable(20) }; // ship-to postcode, one postal authority
  if (three === '421') return { ai: three, rule: variable(12) }; // ISO 3166 numeric country + postcode
  if (/^9[0-9]$/.test(two)) return { ai: two, rule: variable(30) }; // company internal (USPS IMpb uses 92–95)
  return undefined;
}

/**
 * Split GS1 element strings. `data` must start at an AI (AIM identifier and leading FNC1 removed).
 * @example parseGs1('42078745\u001d9400111206206406260787')
 *   // { elements: [{ ai: '420', data: '78745' }, { ai: '94', data: '00111206206406260787' }], rest: '' }
 */
export function parseGs1(data: string): Gs1Parse {
  const elements: Gs1Element[] = [];
  let at = 0;
  while (at < data.length) {
    if (data[at] === GS) {
      at++;
      continue;
    }
    const found = ruleFor(data.slice(at));
    if (!found) break;
    const start = at + found.ai.length;
    let end: number;
    if (found.rule.variable) {
      const gs = data.indexOf(GS, start);
      end = gs === -1 ? data.length : gs;
      if (end - start > found.rule.length || end === start) break;
    } else {
      end = start + found.rule.length;
      if (end > data.length || data.slice(start, end).includes(GS)) break;
    }
    elements.push({ ai: found.ai, data: data.slice(start, end) });
    at = end;
  }
  return { elements, rest: data.slice(at) };
}

/** ISO 3166 numeric → alpha-2 for the countries whose mail reaches our mailrooms most; others stay numeric. */
const ISO_NUMERIC: Record<string, string> = {
  '036': 'AU', '040': 'AT', '056': 'BE', '076': 'BR', '124': 'CA', '156': 'CN', '208': 'DK', '246': 'FI',
  '250': 'FR', '276': 'DE', '344': 'HK', '356': 'IN', '372': 'IE', '380': 'IT', '392': 'JP', '410': 'KR',
  '446': 'MO', '458': 'MY', '484': 'MX', '528': 'NL', '554': 'NZ', '578': 'NO', '616': 'PL', '620': 'PT',
  '702': 'SG', '724': 'ES', '752': 'SE', '756': 'CH', '158': 'TW', '764': 'TH', '826': 'GB', '840': 'US',
};

export function countryFromIsoNumeric(numeric: string): string {
  return ISO_NUMERIC[numeric] ?? numeric;
}

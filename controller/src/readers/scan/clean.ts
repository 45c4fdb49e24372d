/** Removing what scanners wrap around the label data: terminators, wedge affixes, AIM identifiers, Codabar start/stop. */

const TERMINATORS = /^[\r\n]+|[\r\n]+$/g;

export function stripTerminators(text: string): string {
  return text.replace(TERMINATORS, '');
}

/** Remove the first configured affix found (longest first, so `"]]"` wins over `"]"`). */
export function stripPrefix(text: string, prefixes: readonly string[]): string {
  const hit = [...prefixes].filter((p) => p.length > 0).sort((a, b) => b.length - a.length).find((p) => text.startsWith(p));
  return hit ? text.slice(hit.length) : text;
}

export function stripSuffix(text: string, suffixes: readonly string[]): string {
  const hit = [...suffixes].filter((s) => s.length > 0).sort((a, b) => b.length - a.length).find((s) => text.endsWith(s));
  return hit ? text.slice(0, text.length - hit.length) : text;
}

export interface Symbology {
  /** the AIM identifier, e.g. `]C1`, or undefined when the scanner sent none. */
  aim?: string;
  /** the data carries GS1 element strings (FNC1 in first position). */
  gs1: boolean;
  /** an EAN/UPC product code: a retail barcode, never a parcel label. */
  retail: boolean;
  data: string;
}

/**
 * AIM symbology identifiers (ISO/IEC 15424): `]` + code letter + modifier character.
 * GS1 data is announced by ]C1 (GS1-128), ]e0 (GS1 DataBar), ]d2 (GS1 DataMatrix), ]Q3 (GS1 QR), ]J1 (GS1 DotCode).
 */
export function readSymbology(text: string): Symbology {
  const m = /^\]([A-Za-z])([0-9A-Za-z])/.exec(text);
  let data = m ? text.slice(3) : text;
  const aim = m ? m[0] : undefined;
  const code = m ? `${m[1]}${m[2]}` : '';
  let gs1 = ['C1', 'e0', 'd2', 'Q3', 'J1'].includes(code);
  // Without AIM identifiers, some scanners send the leading FNC1 itself as GS.
  if (data.startsWith('\u001d')) {
    gs1 = true;
    data = data.replace(/^\u001d+/, '');
  }
  const retail = m?.[1] === 'E';
  return { ...(aim ? { aim } : {}), gs1, retail, data };
}

/** Codabar start/stop characters (A–D, any case) around Codabar data; returned unchanged when not Codabar. */
export function stripCodabar(text: string): string {
  const m = /^[A-Da-d]([0-9\-$:/.+]+)[A-Da-d]$/.exec(text);
  return m?.[1] ?? text;
}

/** Upper-case letters and digits only; spaces and hyphens typed by people are dropped. */
export function compactLabel(text: string): string | undefined {
  const compact = text.replace(/[ \t-]/g, '').toUpperCase();
  return /^[0-9A-Z]*$/.test(compact) ? compact : undefined;
}

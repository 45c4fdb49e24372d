import { DomainError } from './types.ts';

/** One pen stroke as the kiosk canvas records it: [x, y, t] points, t in ms from the first touch. */
export type Stroke = readonly (readonly number[])[];

export interface SignaturePolicy {
  minPoints: number;
  minExtentPx: number;
}

const MAX_POINTS = 5000;

/**
 * Accepts a handwritten signature for a registered item's receipt and returns it as compact JSON
 * (integer coordinates). An empty pad, a dot or a tiny scribble is refused: it proves nothing.
 */
const MAX_COORDINATE = 10_000;

export function acceptSignature(strokes: readonly Stroke[], policy: SignaturePolicy): string {
  const points = strokes.flat();
  if (points.length > MAX_POINTS) throw new DomainError('signature_too_large', `A signature may have at most ${MAX_POINTS} points.`, 422);
  for (const p of points)
    if (p.length < 2 || p.length > 3 || p.some((v) => typeof v !== 'number' || !Number.isFinite(v)))
      throw new DomainError('invalid_signature', 'Signature points are [x, y, t] numbers.', 422);
    // a drawn signature lies on a screen: coordinates beyond any display cannot come from a finger
    else if (Math.abs(p[0]!) > MAX_COORDINATE || Math.abs(p[1]!) > MAX_COORDINATE)
      throw new DomainError('invalid_signature', `Signature coordinates must lie within ±${MAX_COORDINATE} px.`, 422);
  if (points.length < policy.minPoints)
    throw new DomainError('signature_too_short', 'The signature is too short — please sign with your name.', 422, { minPoints: policy.minPoints });
  const xs = points.map((p) => p[0]!);
  const ys = points.map((p) => p[1]!);
  const extent = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
  if (extent < policy.minExtentPx)
    throw new DomainError('signature_too_small', 'The signature is too small — please sign across the box.', 422, { minExtentPx: policy.minExtentPx });
  return JSON.stringify(strokes.map((s) => s.map((p) => p.map((v) => Math.round(v)))));
}

/** A stored signature as a standalone SVG drawing (one path per stroke), for receipts and audits. */
export function signatureSvg(stored: string): string {
  const strokes = JSON.parse(stored) as number[][][];
  const points = strokes.flat();
  const xs = points.map((p) => p[0]!);
  const ys = points.map((p) => p[1]!);
  const [minX, minY] = [Math.min(...xs) - 4, Math.min(...ys) - 4];
  const [width, height] = [Math.max(...xs) - minX + 4, Math.max(...ys) - minY + 4];
  const paths = strokes
    .filter((s) => s.length > 0)
    .map((s) => `<path d="${s.map((p, i) => `${i === 0 ? 'M' : 'L'}${p[0]! - minX} ${p[1]! - minY}`).join(' ')}"/>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"><g fill="none" stroke="black" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${paths}</g></svg>`;
}

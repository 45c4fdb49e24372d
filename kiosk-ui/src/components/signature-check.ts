/** One pen stroke: [x, y, t] points, t in ms from the first touch (the controller's receipt format). */
export type Stroke = [number, number, number][];

export interface SignaturePolicy {
  minPoints: number;
  minExtentPx: number;
}

/** The controller's defaults (config rules.signature); it checks again, this only saves a round trip. */
export const DEFAULT_SIGNATURE_POLICY: SignaturePolicy = { minPoints: 10, minExtentPx: 40 };

/** 'empty', 'too_short' (a dot or a tick), 'too_small' (a scribble in a corner), or 'ok'. */
export function judgeSignature(strokes: readonly Stroke[], policy = DEFAULT_SIGNATURE_POLICY): 'empty' | 'too_short' | 'too_small' | 'ok' {
  const points = strokes.flat();
  if (!points.length) return 'empty';
  if (points.length < policy.minPoints) return 'too_short';
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const extent = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
  return extent < policy.minExtentPx ? 'too_small' : 'ok';
}

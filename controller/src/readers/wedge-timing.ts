/**
 * Tells a keyboard-wedge scanner or badge reader from a person typing, by keystroke timing.
 * Rule: at least 4 keystrokes whose median gap between consecutive keys is under 35 ms → `scanner`.
 * Wedge devices type a whole number in a few ms per key; the fastest typists manage ~60–80 ms per key,
 * and the median ignores a single stall (USB polling hiccup, the UI thread busy for one frame).
 * @example classifyKeystrokes([0, 8, 16, 25, 33]) // 'scanner'
 * @example classifyKeystrokes([0, 180, 320, 530]) // 'human'
 */
export const WEDGE_MIN_KEYS = 4;
export const WEDGE_MAX_MEDIAN_GAP_MS = 35;

export function classifyKeystrokes(timestampsMs: number[]): 'scanner' | 'human' {
  const times = Array.isArray(timestampsMs) ? timestampsMs.filter((t) => Number.isFinite(t)) : [];
  if (times.length < WEDGE_MIN_KEYS) return 'human';
  const gaps: number[] = [];
  for (let i = 1; i < times.length; i++) gaps.push(Math.abs(times[i]! - times[i - 1]!));
  gaps.sort((a, b) => a - b);
  const mid = Math.floor(gaps.length / 2);
  const median = gaps.length % 2 === 1 ? gaps[mid]! : (gaps[mid - 1]! + gaps[mid]!) / 2;
  return median < WEDGE_MAX_MEDIAN_GAP_MS ? 'scanner' : 'human';
}

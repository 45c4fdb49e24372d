import { describe, expect, it } from 'vitest';
import { acceptSignature, signatureSvg } from '../../../controller/src/domain/signature.ts';
import { DomainError } from '../../../controller/src/domain/types.ts';

const policy = { minPoints: 10, minExtentPx: 40 };
const wave = (n: number, width: number) => [Array.from({ length: n }, (_, i) => [(i * width) / (n - 1), 20 + 10 * Math.sin(i), i * 16])];

function refusal(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return 'accepted';
}

describe('handover signature', () => {
  it('refuses an empty pad, a dot and a tiny scribble', () => {
    expect(refusal(() => acceptSignature([], policy))).toBe('signature_too_short');
    expect(refusal(() => acceptSignature([[[10, 10, 0]]], policy))).toBe('signature_too_short');
    expect(refusal(() => acceptSignature(wave(30, 5), policy))).toBe('signature_too_small');
  });

  it('refuses points that are not numbers', () => {
    expect(refusal(() => acceptSignature([[[1, Number.NaN, 0]]], policy))).toBe('invalid_signature');
  });

  it('stores a real signature as compact integer JSON', () => {
    const stored = acceptSignature(wave(20, 180), policy);
    const parsed = JSON.parse(stored) as number[][][];
    expect(parsed[0]).toHaveLength(20);
    expect(parsed.flat().flat().every(Number.isInteger)).toBe(true);
    expect(parsed[0]![19]![0]).toBe(180);
  });

  it('draws a stored signature as an SVG path per stroke', () => {
    const svg = signatureSvg(JSON.stringify([[[10, 10, 0], [60, 30, 5]], [[20, 40, 9], [25, 45, 12]]]));
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 58 43"/);
    expect(svg.match(/<path /g)).toHaveLength(2);
    expect(svg).toContain('<path d="M4 4 L54 24"/>');
  });
});

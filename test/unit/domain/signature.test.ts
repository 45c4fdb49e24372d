import { describe, expect, it } from 'vitest';
import { acceptSignature } from '../../../controller/src/domain/signature.ts';
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
});

import { describe, expect, it } from 'vitest';
import { judgeSignature, type Stroke } from '../../kiosk-ui/src/components/signature-check.ts';

const line = (n: number, dx: number, dy: number): Stroke => Array.from({ length: n }, (_, i) => [10 + i * dx, 10 + i * dy, i * 16] as [number, number, number]);

describe('signature check on the kiosk', () => {
  it('refuses an empty pad', () => expect(judgeSignature([])).toBe('empty'));
  it('refuses a single dot', () => expect(judgeSignature([[[50, 50, 0]]])).toBe('too_short'));
  it('refuses a tiny scribble in a corner', () => expect(judgeSignature([line(30, 1, 0.5)])).toBe('too_small'));
  it('accepts a name written across the box', () => expect(judgeSignature([line(20, 8, 1), line(15, 3, 4)])).toBe('ok'));
});

import { describe, expect, it } from 'vitest';
import { opToken } from '../../../../controller/src/hardware/lwp/op-token.ts';

describe('opToken', () => {
  it('sends an operation id that LWP/1 allows as it is', () => {
    expect(opToken('dep-42_a')).toBe('dep-42_a');
    expect(opToken('a'.repeat(32))).toBe('a'.repeat(32));
  });

  it('hashes a UUID to 16 hex digits, the same every time, different per id', () => {
    const a = opToken('3f2a9c1e-0d4b-4e8a-9f00-1234567890ab');
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(opToken('3f2a9c1e-0d4b-4e8a-9f00-1234567890ab')).toBe(a);
    expect(opToken('3f2a9c1e-0d4b-4e8a-9f00-1234567890ac')).not.toBe(a);
  });

  it('hashes ids with characters LWP/1 does not allow', () => {
    expect(opToken('pickup:12/3')).toMatch(/^[0-9a-f]{16}$/);
    expect(opToken('')).toMatch(/^[0-9a-f]{16}$/);
  });
});

import { describe, expect, it } from 'vitest';
import { runSession } from '../../../firmware-protocol/simulator/transcript.ts';
import { vectors } from './vectors.ts';

describe('board simulator against the vectors.json sessions', () => {
  it.each(vectors.sessions)('$name', ({ board, script, expect: expected }) => {
    expect(runSession(board, script)).toEqual(expected);
  });
});

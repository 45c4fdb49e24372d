import { readFileSync } from 'node:fs';
import type { LwpMessage } from '../../../firmware-protocol/src/index.ts';
import type { SessionBoard } from '../../../firmware-protocol/simulator/transcript.ts';

export interface Vectors {
  crc: { input: string; crc: string }[];
  valid: { line: string; message: LwpMessage }[];
  invalid: { line: string; error?: string; seq?: number; ignored?: boolean }[];
  sessions: { name: string; board: SessionBoard; script: string[]; expect: string[] }[];
}

export const vectors: Vectors = JSON.parse(
  readFileSync(new URL('../../../firmware-protocol/vectors.json', import.meta.url), 'utf8'),
);

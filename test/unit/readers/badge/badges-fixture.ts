import { readFileSync } from 'node:fs';
import type { BadgeFormat } from '../../../../controller/src/readers/badge/index.ts';

export interface BadgeRead {
  reader: 'rdm6300' | 'wedge';
  bytes?: string;
  format?: BadgeFormat;
  text?: string;
}

export interface BadgesFixture {
  same_card: { card: string; reads: BadgeRead[] }[];
  mifare_byte_order: { card: string; reads: BadgeRead[] };
  bad_frames: { bytes: string; why: string }[];
}

export const badges = JSON.parse(
  readFileSync(new URL('../../../../../shared/fixtures/badges.json', import.meta.url), 'utf8'),
) as BadgesFixture;

export const hexBytes = (spaced: string): Uint8Array => Uint8Array.from(spaced.trim().split(/\s+/).map((b) => parseInt(b, 16)));

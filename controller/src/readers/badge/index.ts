export { parseBadge, parseBadgeAnyFormat } from './parse-badge.ts';
export { Rdm6300Decoder, parseRdm6300Frames, encodeRdm6300Frame } from './rdm6300.ts';
export type { Rdm6300Event } from './rdm6300.ts';
export {
  acceptsMatchAt,
  badgeMatchKeys,
  badgesMatch,
  em4100Credential,
  isBadgeError,
  mifareCredential,
  widestWidth,
} from './credential.ts';
export { BADGE_FORMATS } from './types.ts';
export type { BadgeCredential, BadgeError, BadgeFamily, BadgeFormat, BadgeMatchKey } from './types.ts';

import { msg, str } from '@lit/localize';
import { ApiError } from '../api/client.ts';

/** What to tell a person about a refused or failed request, in the current language. */
export function explainError(error: unknown): string {
  if (!(error instanceof ApiError)) return msg('Something went wrong. Please try again.', { id: 'error.generic' });
  switch (error.code) {
    case 'unreachable':
      return msg('The locker wall is not reachable. Please try again in a moment.', { id: 'error.unreachable' });
    case 'invalid_code':
    case 'code_invalid':
      return msg('That code is not valid. Check the 8 digits in your message and try again.', { id: 'error.invalid_code' });
    case 'code_expired':
      return msg('That code has expired. Please ask at the mailroom desk.', { id: 'error.code_expired' });
    case 'code_used':
      return msg('That code has already been used.', { id: 'error.code_used' });
    case 'not_collectable':
      return msg('This parcel cannot be collected right now. Please ask at the mailroom desk.', { id: 'error.not_collectable' });
    case 'signature_too_short':
    case 'signature_too_small':
    case 'invalid_signature':
      return msg('Please sign with your name across the box.', { id: 'error.signature' });
    case 'badge_not_allowed':
      return msg('This badge may not receive this item. The recipient or their delegate must tap their own badge.', { id: 'error.badge_not_allowed' });
    case 'parcel_expired':
      return msg('This parcel was not collected in time and is back at the mailroom counter. Please ask a clerk.', { id: 'error.parcel_expired' });
    case 'nothing_to_collect':
      return msg('There is nothing waiting for you right now.', { id: 'error.nothing_to_collect' });
    case 'unknown_badge':
    case 'invalid_badge':
    case 'ambiguous_badge':
      return msg('This badge is not recognised. Please use your pickup code.', { id: 'error.unknown_badge' });
    case 'badge_required':
      return msg('This parcel is confidential and can only be collected with your badge. Please tap your badge.', { id: 'error.badge_required' });
    case 'too_many_attempts': {
      const seconds = Number(error.details.retryAfterSeconds) || 60;
      return msg(str`Too many wrong attempts. Please wait ${seconds} seconds and try again.`, { id: 'error.too_many_attempts' });
    }
    case 'invalid_pin':
    case 'wrong_pin':
    case 'not_staff':
    case 'invalid_credentials':
      return msg('Wrong PIN or badge.', { id: 'error.invalid_pin' });
    case 'unknown_recipient':
      return msg('This recipient is not in the directory.', { id: 'error.unknown_recipient' });
    case 'no_free_door':
      return msg('No free door of a fitting size. Try a larger size or wait for a pickup.', { id: 'error.no_free_door' });
    case 'door_failed':
      return msg('A door did not open. Please ask the mailroom; the parcel is safe inside.', { id: 'error.door_failed' });
    case 'board_offline':
      return msg('Part of the wall is offline right now. Please ask the mailroom.', { id: 'error.board_offline' });
    case 'ambiguous_scan':
      return msg('This label reads as more than one number — tap the right tracking number.', { id: 'error.ambiguous_scan' });
    case 'invalid_scan':
      return msg('The label check digit does not match. Scan again or type the tracking number.', { id: 'error.invalid_scan' });
    case 'unknown_scan':
      return msg('Unknown label format. You can deposit it under the number as scanned.', { id: 'error.unknown_scan' });
    case 'invalid_tracking':
    case 'missing_tracking':
    case 'empty_scan':
      return msg('No tracking number could be read from this scan. Scan again or type the number.', { id: 'error.invalid_tracking' });
    case 'session_expired':
    case 'unauthenticated':
      return msg('Your session has ended. Please log in again.', { id: 'error.session' });
    case 'nothing_expected':
      return msg('The wall expects this door to be empty; there is no parcel to confirm.', { id: 'error.nothing_expected' });
    case 'nothing_to_report':
      return msg('None of these doors is open for a pickup any more. Please ask at the mailroom desk.', { id: 'error.nothing_to_report' });
    case 'forbidden':
      return msg('This needs an admin sign-in.', { id: 'error.forbidden' });
    case 'unknown_door':
      return msg('There is no such door on this wall.', { id: 'error.unknown_door' });
    case 'duplicate_scan':
      return msg('This parcel was just deposited. Scan the next one.', { id: 'error.duplicate_scan' });
    default:
      if (error.status === 401) return msg('Your session has ended. Please log in again.', { id: 'error.session' });
      return error.message || msg('Something went wrong. Please try again.', { id: 'error.generic' });
  }
}

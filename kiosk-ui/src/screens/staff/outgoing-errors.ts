import { msg } from '@lit/localize';
import { ApiError } from '../../api/client.ts';
import { explainError } from '../../i18n/errors.ts';

/** A refused collect or dispatch, in the clerk's language; `detail` is the controller's own precise reason. */
export function explainDispatchError(error: unknown): { text: string; detail: string } {
  const detail = error instanceof ApiError ? error.message : '';
  if (!(error instanceof ApiError)) return { text: explainError(error), detail };
  switch (error.code) {
    case 'invalid_tracking':
      if (error.details.reason === 'check digit')
        return { text: msg('Its check digit is wrong: this is not a valid tracking number. Nothing was dispatched — scan the label again or type the number under the barcode.', { id: 'outgoing.error.checkDigit' }), detail: '' };
      return { text: msg('This tracking number is not valid. Nothing was dispatched — scan the label again or check the number.', { id: 'outgoing.error.invalid' }), detail };
    case 'unknown_tracking':
      return { text: msg('This tracking number is not valid. Nothing was dispatched — scan the label again or check the number.', { id: 'outgoing.error.invalid' }), detail };
    case 'tracking_kind_mismatch':
      return { text: msg("This label does not fit the item's service (a registered item needs a registered R… number, express a courier number).", { id: 'outgoing.error.kind' }), detail };
    case 'tracking_required':
      return { text: msg("This item needs its tracking number: scan the carrier's label.", { id: 'outgoing.error.required' }), detail };
    case 'ambiguous_tracking':
      return { text: msg('This label reads as more than one number — choose the carrier.', { id: 'outgoing.error.ambiguous' }), detail };
    case 'duplicate_tracking':
      return { text: msg('This tracking number is already used by another item.', { id: 'outgoing.error.duplicate' }), detail };
    case 'invalid_state':
      return { text: msg('This item has moved on meanwhile. The list is refreshed.', { id: 'outgoing.error.state' }), detail };
    case 'invalid_field':
      return { text: msg('Please check the dispatch details.', { id: 'outgoing.error.field' }), detail };
    default:
      return { text: explainError(error), detail: '' };
  }
}

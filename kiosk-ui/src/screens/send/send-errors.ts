import { msg } from '@lit/localize';
import { ApiError } from '../../api/client.ts';
import { explainError } from '../../i18n/errors.ts';

/** Which step of the send flow a refusal sends the person back to. */
export type SendStep = 'badge' | 'addressee' | 'service';

/** What to tell the sender about a refused drop-off, and where to fix it. */
export function explainSendError(error: unknown): { text: string; step: SendStep | null; field?: string } {
  if (!(error instanceof ApiError)) return { text: explainError(error), step: null };
  const field = typeof error.details.field === 'string' ? error.details.field : undefined;
  switch (error.code) {
    case 'unknown_badge':
    case 'invalid_badge':
    case 'ambiguous_badge':
      return { text: msg('This badge is not recognised. Tap your own staff badge, or ask the mailroom to register it.', { id: 'send.error.badge' }), step: 'badge' };
    case 'tap_expired':
      return { text: msg('Please tap your badge once more to confirm.', { id: 'send.error.tapExpired' }), step: 'badge' };
    case 'insured_details_required':
      return { text: msg('An insured item needs its declared value and currency.', { id: 'send.error.insured' }), step: 'service', field: 'declaredValue' };
    case 'invalid_field':
      if (field?.startsWith('addressee')) return { text: msg('Please check the address: one field is missing or not valid.', { id: 'send.error.address' }) + ` (${field.replace('addressee.', '')})`, step: 'addressee', field: field.replace('addressee.', '') };
      return { text: msg('Please check the service details.', { id: 'send.error.service' }) + (field ? ` (${field})` : ''), step: 'service', field };
    case 'no_free_door':
      return { text: msg('No free door of this size right now. Choose another size, or bring the item to the mailroom desk.', { id: 'send.error.noDoor' }), step: 'service' };
    default:
      return { text: explainError(error), step: null };
  }
}

import { msg } from '@lit/localize';

/** A parcel status or timeline event (the controller's event types) in the mailroom's words; unknown ones are shown as sent. */
export function statusLabel(status: string): string {
  switch (status) {
    case 'awaiting_close': return msg('door open for deposit', { id: 'status.awaiting_close' });
    case 'stored': return msg('stored', { id: 'status.stored' });
    case 'pickup_open': return msg('door open for pickup', { id: 'status.pickup_open' });
    case 'collected': return msg('collected', { id: 'status.collected' });
    case 'cancelled': return msg('cancelled', { id: 'status.cancelled' });
    case 'deposited': return msg('deposited', { id: 'event.deposited' });
    case 'door_opened': return msg('door opened', { id: 'event.door_opened' });
    case 'code_issued': return msg('pickup code issued', { id: 'event.code_issued' });
    case 'notified': return msg('recipient notified', { id: 'event.notified' });
    case 'pickup_requested': return msg('pickup requested', { id: 'event.pickup_requested' });
    case 'deposit_cancelled': return msg('deposit cancelled', { id: 'event.deposit_cancelled' });
    case 'door_failed': return msg('door failed to open', { id: 'event.door_failed' });
    case 'door_opened_by_staff': return msg('door opened by staff', { id: 'event.door_opened_by_staff' });
    case 'audit_confirmed': return msg('audit: parcel there', { id: 'event.audit_confirmed' });
    case 'audit_missing': return msg('audit: parcel missing', { id: 'event.audit_missing' });
    case 'audit_unexpected_item': return msg('audit: unknown item in door', { id: 'event.audit_unexpected_item' });
    case 'reported_did_not_open': return msg('reported: door did not open', { id: 'event.reported_did_not_open' });
    default: return status.replace(/_/g, ' ');
  }
}

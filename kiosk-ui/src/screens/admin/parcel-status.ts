import { msg } from '@lit/localize';

/** A parcel status or timeline event in the mailroom's words; unknown ones are shown as sent. */
export function statusLabel(status: string): string {
  switch (status) {
    case 'awaiting_close': return msg('door open for deposit', { id: 'status.awaiting_close' });
    case 'stored': return msg('stored', { id: 'status.stored' });
    case 'pickup_open': return msg('door open for pickup', { id: 'status.pickup_open' });
    case 'collected': return msg('collected', { id: 'status.collected' });
    case 'cancelled': return msg('cancelled', { id: 'status.cancelled' });
    default: return status.replace(/_/g, ' ');
  }
}

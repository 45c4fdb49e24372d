import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import type { ApiClient } from '../../api/client.ts';
import { apiContext } from '../../api/context.ts';
import type { Parcel } from '../../api/types.ts';
import { explainError } from '../../i18n/errors.ts';
import { shared } from '../../styles/theme.ts';

const DAY_MS = 86_400_000;
/** Parcels stored longer than this are listed as overdue (until the mailroom-rules issue supplies the setting). */
const OVERDUE_DAYS = 3;

/** Parcels waiting longest, oldest first, so the mailroom can chase them. */
@localized()
@customElement('lw-admin-overdue')
export class LwAdminOverdue extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      .scroll { height: 100%; overflow-y: auto; }
      table { width: 100%; border-collapse: collapse; }
      th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--lw-border); }
      tr.late td, .warn { color: var(--lw-accent); font-weight: 600; }
      p { margin: 4px 0 8px; }
    `,
  ];

  @consume({ context: apiContext }) private api!: ApiClient;
  @state() private parcels: Parcel[] = [];
  @state() private error = '';
  @state() private loaded = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const { parcels } = await this.api.parcels({ status: 'stored' });
      this.parcels = parcels.sort((a, b) => Date.parse(a.storedAt ?? '') - Date.parse(b.storedAt ?? ''));
    } catch (error) {
      this.error = explainError(error);
    }
    this.loaded = true;
  }

  override render() {
    const now = Date.now();
    const days = (p: Parcel) => Math.floor((now - Date.parse(p.storedAt ?? p.depositedAt ?? '')) / DAY_MS);
    const late = this.parcels.filter((p) => days(p) >= OVERDUE_DAYS).length;
    return html`<div class="scroll" tabindex="0" aria-labelledby="title">
      <h2 id="title">${msg('Parcels in the wall, oldest first', { id: 'admin.waitingTitle' })}</h2>
      <p class=${late ? 'warn' : 'muted'} data-test="overdue-count">${msg(str`${late} waiting ${OVERDUE_DAYS} days or more`, { id: 'admin.overdueTitle' })}</p>
      ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : null}
      <table>
        <thead><tr><th>${msg('Door', { id: 'summary.door' })}</th><th>${msg('Tracking', { id: 'summary.tracking' })}</th><th>${msg('Recipient', { id: 'summary.recipient' })}</th><th>${msg('Days waiting', { id: 'admin.days' })}</th></tr></thead>
        <tbody data-test="overdue">${this.parcels.map((p) => html`<tr class=${days(p) >= OVERDUE_DAYS ? 'late' : ''}>
          <td>${p.door}</td><td>${p.tracking}</td><td>${p.recipientId}</td><td>${days(p)}</td></tr>`)}</tbody>
      </table>
      ${this.loaded && !this.parcels.length ? html`<p class="muted">${msg('Nothing is waiting in the wall.', { id: 'admin.empty' })}</p>` : null}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'lw-admin-overdue': LwAdminOverdue }
}

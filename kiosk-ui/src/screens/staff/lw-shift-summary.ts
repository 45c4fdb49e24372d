import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { Parcel } from '../../api/types.ts';
import { shared } from '../../styles/theme.ts';

/** End-of-shift summary: what this clerk stored during the session. Fires `lw-close` or `lw-logout`. */
@localized()
@customElement('lw-shift-summary')
export class LwShiftSummary extends LitElement {
  static override styles = [
    shared,
    css`
      :host { position: fixed; inset: 0; background: rgb(0 0 0 / 0.7); display: grid; place-items: center; z-index: 40; }
      .box { background: var(--lw-surface); border: 2px solid var(--lw-border); border-radius: 16px; padding: 18px 24px; width: min(640px, 90vw); max-height: 85vh; overflow: auto; }
      table { width: 100%; border-collapse: collapse; margin: 10px 0; }
      th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--lw-border); }
      .actions { display: flex; gap: 10px; justify-content: flex-end; }
    `,
  ];

  @property({ attribute: false }) parcels: Parcel[] = [];

  override render() {
    const bySize = new Map<string, number>();
    for (const p of this.parcels) bySize.set(p.size ?? '?', (bySize.get(p.size ?? '?') ?? 0) + 1);
    return html`<div class="box" role="dialog" aria-modal="true" aria-labelledby="t">
      <h2 id="t">${msg(str`End of shift: ${this.parcels.length} parcels stored`, { id: 'summary.title' })}</h2>
      <p>${[...bySize].map(([size, n]) => `${size} × ${n}`).join(' · ')}</p>
      <table>
        <thead><tr><th>${msg('Door', { id: 'summary.door' })}</th><th>${msg('Tracking', { id: 'summary.tracking' })}</th><th>${msg('Recipient', { id: 'summary.recipient' })}</th></tr></thead>
        <tbody>${this.parcels.map((p) => html`<tr><td>${p.door}</td><td>${p.tracking}</td><td>${p.recipientId}</td></tr>`)}</tbody>
      </table>
      <div class="actions">
        <button @click=${() => this.dispatchEvent(new CustomEvent('lw-close'))}>${msg('Keep depositing', { id: 'summary.continue' })}</button>
        <button class="primary" @click=${() => this.dispatchEvent(new CustomEvent('lw-logout'))}>${msg('Log out', { id: 'deposit.logout' })}</button>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'lw-shift-summary': LwShiftSummary }
}

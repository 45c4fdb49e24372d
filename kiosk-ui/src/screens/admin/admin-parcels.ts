import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { localized, msg } from '@lit/localize';
import type { ApiClient } from '../../api/client.ts';
import { apiContext } from '../../api/context.ts';
import type { Parcel } from '../../api/types.ts';
import { carrierName } from '../../api/carrier-name.ts';
import { explainError } from '../../i18n/errors.ts';
import { shared } from '../../styles/theme.ts';
import { statusLabel } from './parcel-status.ts';

const when = (iso?: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

/** Find a parcel by tracking number, recipient id or parcel id, and read its timeline. */
@localized()
@customElement('lw-admin-parcels')
export class LwAdminParcels extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); grid-template-rows: auto minmax(0, 1fr); gap: 10px; }
      form { grid-column: 1 / -1; display: flex; gap: 8px; align-items: end; }
      form label { flex: 1; font-weight: 600; display: flex; flex-direction: column; gap: 4px; }
      ul { list-style: none; margin: 0; padding: 0; overflow-y: auto; display: flex; flex-direction: column; gap: 6px; }
      li button { width: 100%; text-align: left; }
      li button[aria-current='true'] { border-color: var(--lw-accent); }
      section { background: var(--lw-surface); border-radius: var(--lw-radius); padding: 10px 12px; overflow-y: auto; }
      ol { padding-left: 1.3em; margin: 6px 0 0; }
      ol li { margin-bottom: 4px; }
    `,
  ];

  @consume({ context: apiContext }) private api!: ApiClient;
  @state() private query = '';
  @state() private results: Parcel[] = [];
  @state() private selected: Parcel | null = null;
  @state() private message = '';

  private async search(event: Event): Promise<void> {
    event.preventDefault();
    const q = this.query.trim();
    this.selected = null;
    this.message = '';
    if (!q) return;
    try {
      let { parcels } = await this.api.parcels({ tracking: q });
      if (!parcels.length) ({ parcels } = await this.api.parcels({ recipientId: q.toUpperCase() }));
      if (!parcels.length) parcels = await this.api.parcel(q).then((p) => [p], () => []);
      this.results = parcels;
      if (!parcels.length) this.message = msg('No parcel matches.', { id: 'admin.noMatch' });
      if (parcels.length === 1) await this.open(parcels[0]!);
    } catch (error) {
      this.message = explainError(error);
    }
  }

  private async open(parcel: Parcel): Promise<void> {
    try {
      this.selected = await this.api.parcel(parcel.id);
    } catch (error) {
      this.message = explainError(error);
    }
  }

  override render() {
    const p = this.selected;
    return html`
      <form @submit=${this.search}>
        <label>${msg('Tracking number, employee id or parcel id', { id: 'admin.searchLabel' })}
          <input name="q" autocomplete="off" .value=${this.query} @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)} data-test="parcel-search" /></label>
        <button class="primary" type="submit">${msg('Search', { id: 'admin.search' })}</button>
      </form>
      <ul aria-label=${msg('Parcels found', { id: 'admin.found' })}>
        ${this.message ? html`<li role="status">${this.message}</li>` : null}
        ${this.results.map((r) => html`<li><button aria-current=${String(r.id === p?.id)} @click=${() => this.open(r)}>
          ${r.tracking} · ${r.recipientId} · ${statusLabel(r.status)}${r.door ? ` · #${r.door}` : ''}</button></li>`)}
      </ul>
      <section tabindex="0" aria-label=${msg('Timeline', { id: 'admin.timeline' })} aria-live="polite" data-test="timeline">
        ${p ? html`<h2>${p.tracking}</h2>
          <div>${carrierName(p.carrier) ?? ''} · ${p.recipientId} · ${statusLabel(p.status)}${p.door ? ` · #${p.door}` : ''}</div>
          <ol>${(p.events ?? []).map((e) => html`<li>${when(e.at)} — <strong>${statusLabel(e.type)}</strong>${e.door ? ` · #${e.door}` : ''}${e.actor ? ` · ${e.actor}` : ''}</li>`)}</ol>`
          : html`<p class="muted">${msg('Search, then tap a parcel to see its timeline.', { id: 'admin.timelineHint' })}</p>`}
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'lw-admin-parcels': LwAdminParcels }
}

import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import type { ApiClient } from '../../api/client.ts';
import { apiContext } from '../../api/context.ts';
import type { Parcel } from '../../api/types.ts';
import { explainError } from '../../i18n/errors.ts';
import { shared } from '../../styles/theme.ts';

type HeldParcel = Parcel & { inspection?: { state: string; reason: string | null }; mediaCheck?: string };

/**
 * Parcels held at the counter by an intake rule: clear inspection, mark media clean, then put them in a door.
 * Fires `lw-counter-deposit` with the parcel once its door is open, and `lw-close`.
 */
@localized()
@customElement('lw-counter-panel')
export class LwCounterPanel extends LitElement {
  static override styles = [
    shared,
    css`
      :host { position: fixed; inset: 0; background: rgb(0 0 0 / 0.7); display: grid; place-items: center; z-index: 40; }
      .box { background: var(--lw-surface); border: 2px solid var(--lw-border); border-radius: 16px; padding: 16px 20px; width: min(760px, 94vw); max-height: 88vh; overflow: auto; display: flex; flex-direction: column; gap: 10px; }
      ul { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 8px; }
      li { border: 1px solid var(--lw-border); border-radius: 10px; padding: 8px 10px; display: flex; flex-wrap: wrap; gap: 6px 10px; align-items: center; }
      li .what { flex: 1 1 240px; }
      .gate { color: var(--lw-accent); font-weight: 600; }
      .actions { display: flex; justify-content: flex-end; }
    `,
  ];

  @consume({ context: apiContext }) private api!: ApiClient;
  @state() private parcels: HeldParcel[] | null = null;
  @state() private returns: Parcel[] = [];
  @state() private returnOpen: string | null = null;
  @state() private error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.parcels = (await this.api.request<{ parcels: HeldParcel[] }>('GET', '/api/mailroom/held')).parcels;
      this.returns = (await this.api.request<{ parcels: Parcel[] }>('GET', '/api/mailroom/returns')).parcels;
    } catch (error) {
      this.error = explainError(error);
      this.parcels = [];
    }
  }

  private async act(parcel: HeldParcel, action: 'inspection' | 'media-clean' | 'deposit'): Promise<void> {
    this.error = '';
    try {
      const path = `/api/mailroom/parcels/${encodeURIComponent(parcel.id)}/${action}`;
      const result = await this.api.request<HeldParcel>('POST', path, action === 'inspection' ? { result: 'cleared' } : undefined);
      if (action === 'deposit') this.dispatchEvent(new CustomEvent<Parcel>('lw-counter-deposit', { detail: result }));
      else await this.load();
    } catch (error) {
      this.error = explainError(error);
    }
  }

  /** An expired parcel: its door opens for the clerk to take it back to the counter. */
  private async takeBack(parcel: Parcel): Promise<void> {
    this.error = '';
    try {
      await this.api.request('POST', `/api/mailroom/parcels/${encodeURIComponent(parcel.id)}/return`);
      this.returnOpen = parcel.door;
      await this.load();
    } catch (error) {
      this.error = explainError(error);
    }
  }

  private renderParcel(p: HeldParcel) {
    const inspecting = p.inspection?.state === 'pending';
    const mediaPending = p.mediaCheck === 'pending';
    return html`<li data-parcel=${p.id}>
      <span class="what">${p.tracking} · ${p.recipientId}<br />
        ${inspecting ? html`<span class="gate">${msg('waiting for inspection', { id: 'counter.inspection' })}</span> ` : null}
        ${p.inspection?.state === 'quarantined' ? html`<span class="gate">${msg('quarantined', { id: 'counter.quarantined' })}: ${p.inspection.reason}</span> ` : null}
        ${mediaPending ? html`<span class="gate">${msg('waiting for the IT media check', { id: 'counter.media' })}</span>` : null}</span>
      ${inspecting ? html`<button data-action="clear" @click=${() => this.act(p, 'inspection')}>${msg('Inspection passed', { id: 'counter.clear' })}</button>` : null}
      ${mediaPending ? html`<button data-action="media-clean" @click=${() => this.act(p, 'media-clean')}>${msg('Media checked', { id: 'counter.mediaClean' })}</button>` : null}
      <button class="primary" data-action="put-in-door" ?disabled=${inspecting || mediaPending || p.inspection?.state === 'quarantined'}
        @click=${() => this.act(p, 'deposit')}>${msg('Put in a door', { id: 'counter.deposit' })}</button>
    </li>`;
  }

  override render() {
    return html`<div class="box" role="dialog" aria-modal="true" aria-labelledby="t">
      <h2 id="t">${msg('Held at the counter', { id: 'counter.title' })}</h2>
      ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : null}
      ${this.parcels === null ? html`<p class="muted">${msg('Loading…', { id: 'common.loading' })}</p>`
        : this.parcels.length ? html`<ul>${this.parcels.map((p) => this.renderParcel(p))}</ul>`
        : html`<p class="muted">${msg('Nothing is held at the counter.', { id: 'counter.empty' })}</p>`}
      ${this.returnOpen ? html`<div class="gate" role="status">${msg(str`Door ${this.returnOpen} is open: take the parcel out and close the door.`, { id: 'counter.returnOpen' })}</div>` : null}
      ${this.returns.length ? html`<h3>${msg('Not collected in time: take back to the counter', { id: 'counter.returns' })}</h3>
        <ul>${this.returns.map((p) => html`<li><span class="what">${p.tracking} · ${p.recipientId}</span>
          <button data-action="take-back" @click=${() => this.takeBack(p)}>${msg(str`Open door ${p.door ?? '?'}`, { id: 'counter.takeBack' })}</button></li>`)}</ul>` : null}
      <div class="actions"><button @click=${() => this.dispatchEvent(new CustomEvent('lw-close'))}>${msg('Close', { id: 'counter.close' })}</button></div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'lw-counter-panel': LwCounterPanel }
}

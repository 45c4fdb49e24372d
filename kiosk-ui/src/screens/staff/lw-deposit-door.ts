import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { Door, Parcel } from '../../api/types.ts';
import { shared } from '../../styles/theme.ts';
import '../../components/lw-wall-map.ts';

/** The deposit door while it is open: where it is, whether it has closed, and "full" / "broken". Fires `lw-another-door`. */
@localized()
@customElement('lw-deposit-door')
export class LwDepositDoor extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: flex; flex-direction: column; gap: 8px; flex: 1; min-height: 0; }
      h2 { color: var(--lw-accent); font-size: 1.8rem; }
      p { margin: 0; }
      .acc { font-weight: 600; color: var(--lw-accent); }
      .live { font-size: 1.15rem; font-weight: 600; }
      .row { display: flex; gap: 6px; }
      .row button { flex: 1; }
      .small { font-size: 0.9rem; }
      lw-wall-map { flex: 1 1 160px; min-height: 160px; max-height: 360px; }
      @media (max-height: 600px) { lw-wall-map { display: none; } }
    `,
  ];

  @property({ attribute: false }) parcel!: Parcel;
  @property({ attribute: false }) doors: Door[] = [];
  @property({ type: Boolean }) leftOpen = false;
  @property() error = '';

  private another(reason: 'door_full' | 'door_broken') {
    this.dispatchEvent(new CustomEvent('lw-another-door', { detail: reason, bubbles: true, composed: true }));
  }

  override render() {
    const id = this.parcel.door;
    const door = this.doors.find((d) => d.door === id);
    return html`
      <h2 data-test="deposit-door">${msg(str`Door ${id ?? '?'} is open`, { id: 'deposit.doorOpen' })}</h2>
      <p>${msg('Put the parcel in and close the door.', { id: 'deposit.putIn' })}${door?.accessible ? html` <span class="acc">♿ ${msg('Accessible door', { id: 'deposit.accessibleDoor' })}</span>` : null}</p>
      ${this.leftOpen ? html`<div class="error" role="alert">${msg('The door is still open. Close it firmly: the parcel is stored and the recipient told only when it is shut.', { id: 'deposit.leftOpen' })}</div>` : null}
      <p class="live" data-test="door-state">${door?.open === false
        ? msg('Door closed — confirming…', { id: 'deposit.confirming' })
        : msg('Waiting for the door to close…', { id: 'deposit.waiting' })}</p>
      <div class="row">
        <button class="danger" @click=${() => this.another('door_full')} data-action="door-full">${msg('Door is full', { id: 'deposit.full' })}</button>
        <button class="danger" @click=${() => this.another('door_broken')} data-action="door-broken">${msg('Door is broken', { id: 'deposit.broken' })}</button>
      </div>
      ${this.error ? html`<div class="error" role="alert" data-test="error">${this.error}</div>` : null}
      <lw-wall-map plain .doors=${this.doors} .highlight=${id ? [id] : []}></lw-wall-map>
      <p class="muted small">${msg('Either choice cancels this door and opens another one for the same parcel.', { id: 'deposit.anotherHint' })}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'lw-deposit-door': LwDepositDoor }
}

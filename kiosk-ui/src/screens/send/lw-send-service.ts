import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import type { DoorSize } from '../../api/types.ts';
import { SERVICES, type OutgoingService } from './outgoing-api.ts';
import { sendStyles } from './send-styles.ts';

export const CURRENCIES = ['CNY', 'HKD', 'USD', 'EUR', 'JPY', 'GBP'] as const;
const SIZES: DoorSize[] = ['S', 'M', 'L'];

export interface ServiceForm {
  service: OutgoingService | null;
  declaredValue: string;
  declaredCurrency: string;
  size: DoorSize;
}

export const emptyService = (): ServiceForm => ({ service: null, declaredValue: '', declaredCurrency: 'CNY', size: 'S' });

export function serviceName(service: string): string {
  switch (service) {
    case 'standard_letter': return msg('Standard letter', { id: 'send.service.standard_letter' });
    case 'registered': return msg('Registered', { id: 'send.service.registered' });
    case 'express': return msg('Express', { id: 'send.service.express' });
    case 'insured': return msg('Insured', { id: 'send.service.insured' });
    default: return service;
  }
}

function serviceHint(service: OutgoingService): string {
  switch (service) {
    case 'standard_letter': return msg('Ordinary post, no tracking', { id: 'send.serviceHint.standard_letter' });
    case 'registered': return msg('Tracked, signed for on delivery', { id: 'send.serviceHint.registered' });
    case 'express': return msg('Courier, fastest', { id: 'send.serviceHint.express' });
    case 'insured': return msg('Tracked, with a declared value', { id: 'send.serviceHint.insured' });
  }
}

/** A positive declared value, or null. */
export function declaredValue(f: ServiceForm): number | null {
  const n = Number(f.declaredValue.replace(',', '.'));
  return f.declaredValue.trim() && Number.isFinite(n) && n > 0 ? n : null;
}

/** How the item goes: the service, an insured item's declared value and currency, and the item's size. */
@localized()
@customElement('lw-send-service')
export class LwSendService extends LitElement {
  static override styles = [sendStyles, css`:host { display: flex; flex-direction: column; gap: 10px; } .insured { display: grid; grid-template-columns: minmax(0, 260px) 140px; gap: 6px 14px; }`];

  @property({ attribute: false }) value: ServiceForm = emptyService();
  @property() invalid = '';

  private set(patch: Partial<ServiceForm>): void {
    this.value = { ...this.value, ...patch };
    this.dispatchEvent(new CustomEvent('lw-change', { detail: this.value, bubbles: true, composed: true }));
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('invalid') && this.invalid) (this.renderRoot.querySelector(`[name="${this.invalid}"]`) as HTMLElement | null)?.focus();
  }

  override render() {
    const v = this.value;
    return html`
      <div class="choices" role="group" aria-label=${msg('Service', { id: 'send.service' })}>
        ${SERVICES.map((s) => html`<button aria-pressed=${String(v.service === s)} data-service=${s} @click=${() => this.set({ service: s })}>
          <span>${serviceName(s)}</span><small>${serviceHint(s)}</small></button>`)}
      </div>
      ${v.service === 'insured' ? html`<div class="insured">
        <div class="field">
          <label for="declaredValue">${msg('Declared value', { id: 'send.declaredValue' })}</label>
          <input id="declaredValue" name="declaredValue" inputmode="decimal" autocomplete="off" .value=${v.declaredValue}
            aria-invalid=${String(this.invalid === 'declaredValue')} @input=${(e: Event) => this.set({ declaredValue: (e.target as HTMLInputElement).value })} />
        </div>
        <div class="field">
          <label for="declaredCurrency">${msg('Currency', { id: 'send.currency' })}</label>
          <select id="declaredCurrency" name="declaredCurrency" @change=${(e: Event) => this.set({ declaredCurrency: (e.target as HTMLSelectElement).value })}>
            ${CURRENCIES.map((c) => html`<option value=${c} ?selected=${v.declaredCurrency === c}>${c}</option>`)}
          </select>
        </div>
      </div>` : null}
      <div class="row" role="group" aria-label=${msg('Item size', { id: 'send.size' })}>
        <span class="label" aria-hidden="true">${msg('Item size', { id: 'send.size' })}</span>
        ${SIZES.map((s) => html`<button aria-pressed=${String(v.size === s)} data-size=${s} @click=${() => this.set({ size: s })}>${s}</button>`)}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'lw-send-service': LwSendService }
}

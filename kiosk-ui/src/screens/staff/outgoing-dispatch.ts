import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import type { ApiClient } from '../../api/client.ts';
import { apiContext } from '../../api/context.ts';
import { carrierName } from '../../api/carrier-name.ts';
import type { ScanInterpretation } from '../../api/types.ts';
import { dispatch, type Dispatch, type OutgoingItem } from '../send/outgoing-api.ts';
import { serviceName } from '../send/lw-send-service.ts';
import { sendStyles } from '../send/send-styles.ts';
import { explainDispatchError } from './outgoing-errors.ts';
import './lw-scan-field.ts';

const CARRIERS = ['china-post', 'ems', 'sf-express', 'dhl', 'ups', 'fedex'];
const CURRENCIES = ['CNY', 'HKD', 'USD', 'EUR'];

/** A local date `days` from today, YYYY-MM-DD. */
function inDays(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The collected item's label and costs: scan, carrier (the suggestion unless overridden), postage, expected delivery. Fires `lw-dispatched`. */
@localized()
@customElement('lw-outgoing-dispatch')
export class LwOutgoingDispatch extends LitElement {
  static override styles = [
    sendStyles,
    css`
      :host { display: flex; flex-direction: column; gap: 6px; }
      .carrier { grid-column: span 2; display: flex; flex-direction: column; gap: 4px; }
      .pair { display: grid; grid-template-columns: 1fr 1fr; gap: 6px 14px; }
      .fields { grid-template-columns: repeat(4, minmax(0, 1fr)); align-items: start; }
      .fields lw-scan-field { grid-column: span 2; }
      .footer { position: sticky; bottom: 0; background: var(--lw-surface); display: flex; gap: 10px; align-items: center; padding: 4px 0; }
      .footer .error { flex: 1; padding: 4px 10px; font-size: 0.95rem; line-height: 1.3; }
      .footer button { margin-left: auto; min-width: 160px; min-height: 56px; }
      .suggested { color: var(--lw-accent); font-size: 0.9rem; }
      .error .detail { display: block; margin-top: 4px; font-size: 0.95rem; color: var(--lw-muted); }
    `,
  ];

  @consume({ context: apiContext }) private api!: ApiClient;
  @property({ attribute: false }) item!: OutgoingItem;
  @state() private label = '';
  @state() private scanned = false;
  @state() private reading: ScanInterpretation | null = null;
  @state() private carrier = '';
  @state() private product = '';
  @state() private amount = '';
  @state() private currency = 'CNY';
  @state() private expected = '';
  @state() private error: { text: string; detail: string } | null = null;
  @state() private busy = false;

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('item') && this.item) {
      this.carrier = this.item.suggestion?.carrier ?? 'china-post';
      this.product = this.item.suggestion?.product ?? '';
      this.expected = inDays(this.item.suggestion?.destination === 'domestic' ? 3 : 7);
    }
  }

  private async onScan(raw: string): Promise<void> {
    this.label = raw;
    this.scanned = true;
    this.error = null;
    this.reading = await this.api.interpretScan(raw).catch(() => null);
  }

  private setCarrier(carrier: string): void {
    this.carrier = carrier;
    const s = this.item.suggestion;
    this.product = s && s.carrier === carrier ? s.product : carrierName(carrier) ?? carrier;
  }

  private body(): Dispatch | null {
    const amount = Number(this.amount.replace(',', '.'));
    if (!this.amount.trim() || !Number.isFinite(amount) || amount < 0) {
      this.error = { text: msg('Enter the postage paid (0 if none).', { id: 'outgoing.need.postage' }), detail: '' };
      return null;
    }
    if (!this.expected) {
      this.error = { text: msg('Enter the expected delivery date.', { id: 'outgoing.need.date' }), detail: '' };
      return null;
    }
    const body: Dispatch = { carrier: this.carrier, postage: { amount, currency: this.currency }, expectedDeliveryDate: this.expected };
    if (this.product.trim()) body.product = this.product.trim();
    if (this.label.trim()) {
      if (this.scanned) body.scan = this.label;
      else body.tracking = this.label.trim();
    }
    return body;
  }

  private async submit(): Promise<void> {
    this.error = null;
    const body = this.body();
    if (!body) return;
    this.busy = true;
    try {
      const item = await dispatch(this.api, this.item.id, body);
      this.dispatchEvent(new CustomEvent('lw-dispatched', { detail: item, bubbles: true, composed: true }));
    } catch (error) {
      this.error = explainDispatchError(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const s = this.item.suggestion;
    const carriers = s && !CARRIERS.includes(s.carrier) ? [s.carrier, ...CARRIERS] : CARRIERS;
    const destination = s?.destination === 'domestic' ? msg('domestic', { id: 'outgoing.domestic' }) : msg('international', { id: 'outgoing.international' });
    return html`
      <div class="fields">
        <lw-scan-field .value=${this.label} .reading=${this.reading?.status === 'ok' || this.reading?.status === 'ambiguous' ? this.reading : null}
          @lw-scan=${(e: CustomEvent<string>) => void this.onScan(e.detail)}
          @lw-scan-edit=${(e: CustomEvent<string>) => { this.label = e.detail; this.scanned = false; this.reading = null; this.error = null; }}
          @lw-tracking=${(e: CustomEvent<string>) => { this.label = e.detail; this.scanned = false; }}></lw-scan-field>
        <div class="carrier">
        <div class="pair">
        <div class="field">
          <label for="carrier">${msg('Carrier', { id: 'outgoing.carrier' })}</label>
          <select id="carrier" name="carrier" @change=${(e: Event) => this.setCarrier((e.target as HTMLSelectElement).value)}>
            ${carriers.map((c) => html`<option value=${c} ?selected=${this.carrier === c}>${carrierName(c)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="product">${msg('Product', { id: 'outgoing.product' })}</label>
          <input id="product" name="product" autocomplete="off" .value=${this.product} @input=${(e: Event) => (this.product = (e.target as HTMLInputElement).value)} />
        </div>
        </div>
        ${s ? html`<span class="suggested" data-test="suggestion">${s.carrier === this.carrier
          ? msg(str`Suggested for ${serviceName(this.item.service)} (${destination}): ${carrierName(s.carrier)} · ${s.product}`, { id: 'outgoing.suggested' })
          : msg(str`Overriding the suggestion (${carrierName(s.carrier)}); the timeline keeps both.`, { id: 'outgoing.overridden' })}</span>` : null}
        </div>
        <div class="field">
          <label for="amount">${msg('Postage', { id: 'outgoing.postage' })}</label>
          <input id="amount" name="amount" inputmode="decimal" autocomplete="off" .value=${this.amount} @input=${(e: Event) => (this.amount = (e.target as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="currency">${msg('Currency', { id: 'send.currency' })}</label>
          <select id="currency" name="currency" @change=${(e: Event) => (this.currency = (e.target as HTMLSelectElement).value)}>
            ${CURRENCIES.map((c) => html`<option value=${c} ?selected=${this.currency === c}>${c}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="expected">${msg('Expected delivery', { id: 'outgoing.expected' })}</label>
          <input id="expected" name="expected" type="date" .value=${this.expected} @input=${(e: Event) => (this.expected = (e.target as HTMLInputElement).value)} />
        </div>
      </div>
      <div class="footer">
        ${this.error ? html`<div class="error" role="alert" data-test="dispatch-error">${this.error.text}${this.error.detail ? html`<span class="detail">${this.error.detail}</span>` : null}</div>` : null}
        <button class="primary" data-action="dispatch" ?disabled=${this.busy} @click=${this.submit}>${msg('Dispatch', { id: 'outgoing.dispatch' })}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'lw-outgoing-dispatch': LwOutgoingDispatch }
}

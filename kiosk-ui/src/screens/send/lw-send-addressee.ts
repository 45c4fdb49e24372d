import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { currentLocale } from '../../i18n/locale.ts';
import type { Addressee } from './outgoing-api.ts';
import { sendStyles } from './send-styles.ts';

/** Destinations offered first; the home country (CN) is the default. */
export const COUNTRIES = ['CN', 'HK', 'MO', 'TW', 'JP', 'KR', 'SG', 'MY', 'TH', 'VN', 'IN', 'AU', 'NZ', 'US', 'CA', 'GB', 'DE', 'FR', 'IT', 'ES', 'NL', 'CH', 'SE', 'BR'] as const;

export type AddresseeForm = Required<Omit<Addressee, 'addressLines'>> & { street: string };

export const emptyAddressee = (country = 'CN'): AddresseeForm => ({ name: '', organisation: '', street: '', city: '', postcode: '', country });

/** The form as the API wants it: trimmed, empty optional fields left out. */
export function toAddressee(f: AddresseeForm): Addressee {
  const a: Addressee = { name: f.name.trim(), city: f.city.trim(), country: f.country };
  if (f.organisation.trim()) a.organisation = f.organisation.trim();
  if (f.street.trim()) a.addressLines = [f.street.trim()];
  if (f.postcode.trim()) a.postcode = f.postcode.trim();
  return a;
}

/** The first required field still empty, if any. */
export function missingField(f: AddresseeForm): 'name' | 'city' | null {
  if (!f.name.trim()) return 'name';
  if (!f.city.trim()) return 'city';
  return null;
}

/** Who the item goes to: name, organisation, street, city, postcode, country. Fires `lw-change` with the whole form. */
@localized()
@customElement('lw-send-addressee')
export class LwSendAddressee extends LitElement {
  static override styles = [sendStyles, css`:host { display: block; }`];

  @property({ attribute: false }) value: AddresseeForm = emptyAddressee();
  /** The field to mark (and focus) as needing attention. */
  @property() invalid = '';

  private set(key: keyof AddresseeForm, value: string): void {
    this.value = { ...this.value, [key]: value };
    this.dispatchEvent(new CustomEvent('lw-change', { detail: this.value, bubbles: true, composed: true }));
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('invalid') && this.invalid) (this.renderRoot.querySelector(`[name="${this.invalid}"]`) as HTMLElement | null)?.focus();
  }

  private input(key: Exclude<keyof AddresseeForm, 'country'>, label: string, optional: boolean, autocomplete: string) {
    return html`<div class="field">
      <label for=${key}>${label}${optional ? html` <span class="optional">${msg('(optional)', { id: 'send.optional' })}</span>` : null}</label>
      <input id=${key} name=${key} autocomplete=${autocomplete} .value=${this.value[key]} ?required=${!optional}
        aria-invalid=${String(this.invalid === key)} @input=${(e: Event) => this.set(key, (e.target as HTMLInputElement).value)} />
    </div>`;
  }

  override render() {
    const names = new Intl.DisplayNames([currentLocale()], { type: 'region' });
    return html`<div class="fields">
      ${this.input('name', msg('Name', { id: 'send.field.name' }), false, 'off')}
      ${this.input('organisation', msg('Organisation', { id: 'send.field.organisation' }), true, 'off')}
      ${this.input('street', msg('Street and number', { id: 'send.field.street' }), true, 'off')}
      ${this.input('city', msg('City', { id: 'send.field.city' }), false, 'off')}
      ${this.input('postcode', msg('Postcode', { id: 'send.field.postcode' }), true, 'off')}
      <div class="field">
        <label for="country">${msg('Country', { id: 'send.field.country' })}</label>
        <select id="country" name="country" aria-invalid=${String(this.invalid === 'country')}
          @change=${(e: Event) => this.set('country', (e.target as HTMLSelectElement).value)}>
          ${COUNTRIES.map((c) => html`<option value=${c} ?selected=${this.value.country === c}>${names.of(c) ?? c} (${c})</option>`)}
        </select>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'lw-send-addressee': LwSendAddressee }
}

import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import type { KeypadKey } from '../controllers/keypad.ts';
import { shared } from '../styles/theme.ts';

const DIGITS: KeypadKey[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** A big touch keypad; fires `lw-key` with the key pressed and flashes the key it was pressed on. */
@localized()
@customElement('lw-keypad')
export class LwKeypad extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: grid; grid-template-columns: repeat(3, minmax(64px, 1fr)); grid-auto-rows: minmax(64px, 120px); align-content: center; gap: 10px; }
      button { height: 100%; }
      button { min-height: 64px; min-width: 64px; font-size: clamp(1.8rem, 4vh, 2.6rem); font-weight: 600; padding: 0; }
      button.pressed { background: var(--lw-accent); color: var(--lw-accent-text); border-color: var(--lw-accent); }
      button.small { font-size: 1.1rem; }
    `,
  ];

  /** Label of the confirm key. */
  @property() okLabel = '';
  @property({ type: Boolean }) okDisabled = false;

  override render() {
    return html`
      ${DIGITS.map((d) => this.key(d, d))}
      ${this.key('back', '⌫', msg('Delete last digit', { id: 'keypad.back' }))}
      ${this.key('0', '0')}
      <button class="primary small" data-key="ok" ?disabled=${this.okDisabled} @pointerdown=${this.flash} @click=${() => this.fire('ok')}>
        ${this.okLabel || msg('OK', { id: 'keypad.ok' })}
      </button>
    `;
  }

  private key(key: KeypadKey, label: string, aria?: string) {
    return html`<button data-key=${key} aria-label=${aria ?? label} @pointerdown=${this.flash} @click=${() => this.fire(key)}>${label}</button>`;
  }

  private flash(event: PointerEvent) {
    const button = event.currentTarget as HTMLElement;
    button.classList.add('pressed');
    setTimeout(() => button.classList.remove('pressed'), 180);
    navigator.vibrate?.(15);
  }

  private fire(key: KeypadKey) {
    this.dispatchEvent(new CustomEvent<KeypadKey>('lw-key', { detail: key, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap { 'lw-keypad': LwKeypad }
}

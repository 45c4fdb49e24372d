import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { shared } from '../styles/theme.ts';

/** "Still there?" — shown by a screen while its idle timer is in the warning period. */
@localized()
@customElement('lw-idle-warning')
export class LwIdleWarning extends LitElement {
  static override styles = [
    shared,
    css`
      :host { position: fixed; inset: 0; display: grid; place-items: center; background: rgb(0 0 0 / 0.7); z-index: 50; }
      .box { background: var(--lw-surface); border: 3px solid var(--lw-accent); border-radius: 16px; padding: 24px 32px; text-align: center; max-width: 80vw; }
      p { font-size: 1.3rem; margin: 0 0 18px; }
      button { min-height: 64px; font-size: 1.3rem; }
    `,
  ];

  @property({ type: Number }) seconds = 0;

  override render() {
    return html`<div class="box" role="alertdialog" aria-modal="true" aria-labelledby="t">
      <p id="t">${msg(str`Still there? Returning to the start screen in ${this.seconds} s.`, { id: 'idle.warning' })}</p>
      <button class="primary" data-action="stay">${msg("I'm still here", { id: 'idle.stay' })}</button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'lw-idle-warning': LwIdleWarning }
}

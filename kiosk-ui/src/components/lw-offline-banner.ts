import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';

/** Shown while the controller cannot be reached; the live feed keeps retrying behind it. */
@localized()
@customElement('lw-offline-banner')
export class LwOfflineBanner extends LitElement {
  static override styles = css`
    :host { display: block; background: #7a1020; color: #fff; padding: 8px 14px; font-size: 1.05rem; font-weight: 600; border-bottom: 2px solid #ff8a8a; }
  `;

  override render() {
    return html`<div role="alert">${msg('The locker wall is not reachable right now. Retrying… Please ask the mailroom if this persists.', { id: 'offline.banner' })}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'lw-offline-banner': LwOfflineBanner }
}

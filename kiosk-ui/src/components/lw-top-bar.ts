import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { LOCALES, LOCALE_NAMES, currentLocale, switchLocale } from '../i18n/locale.ts';
import { shared } from '../styles/theme.ts';

/** The strip on every screen: wall name, language switch and high-contrast toggle. Fires `lw-contrast`. */
@localized()
@customElement('lw-top-bar')
export class LwTopBar extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: flex; align-items: center; gap: 8px; padding: 6px 12px; background: var(--lw-surface); border-bottom: 2px solid var(--lw-border); }
      .title { flex: 1; font-weight: 700; font-size: 1.1rem; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
      button { font-size: 0.95rem; padding: 0 12px; }
      button[aria-pressed='true'] { background: var(--lw-primary); color: var(--lw-primary-text); border-color: var(--lw-primary); }
    `,
  ];

  @property() heading = '';
  @property({ type: Boolean }) contrast = false;

  override render() {
    const active = currentLocale();
    return html`
      <div class="title">${this.heading || msg('Parcel lockers', { id: 'app.title' })}</div>
      <div role="group" aria-label=${msg('Language', { id: 'bar.language' })}>
        ${LOCALES.map((locale) => html`
          <button lang=${locale} aria-pressed=${String(locale === active)} data-locale=${locale}
            @click=${() => switchLocale(locale)}>${LOCALE_NAMES[locale]}</button>`)}
      </div>
      <button aria-pressed=${String(this.contrast)} data-action="contrast"
        aria-label=${msg('High contrast', { id: 'bar.contrast' })}
        @click=${() => this.dispatchEvent(new CustomEvent('lw-contrast', { bubbles: true, composed: true }))}>◐</button>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'lw-top-bar': LwTopBar }
}

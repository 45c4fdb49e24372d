import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { localized, msg } from '@lit/localize';
import type { ApiClient } from '../../api/client.ts';
import { apiContext } from '../../api/context.ts';
import type { Recipient } from '../../api/types.ts';
import { explainError } from '../../i18n/errors.ts';
import { shared } from '../../styles/theme.ts';

const SEARCH_DELAY_MS = 200;

/**
 * Find the recipient by Chinese name, Latin name, email or employee id. Every hit shows the department,
 * so two people with the same name can be told apart. Fires `lw-recipient` with the one tapped.
 */
@localized()
@customElement('lw-recipient-search')
export class LwRecipientSearch extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      label { display: block; font-weight: 600; margin-bottom: 4px; }
      ul { list-style: none; margin: 6px 0 0; padding: 0; display: flex; flex-direction: column; gap: 6px; max-height: 190px; overflow-y: auto; }
      li button { width: 100%; text-align: left; display: grid; grid-template-columns: 1fr auto; gap: 2px 10px; padding: 6px 12px; }
      .name { font-weight: 700; font-size: 1.1rem; }
      .dept { font-weight: 700; color: var(--lw-accent); text-align: right; }
      .sub { color: var(--lw-muted); font-size: 0.9rem; }
      .acc { font-size: 0.9rem; }
    `,
  ];

  @consume({ context: apiContext }) private api!: ApiClient;
  @property() query = '';
  @state() private results: Recipient[] = [];
  @state() private error = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private latest = 0;

  clear(): void {
    this.query = '';
    this.results = [];
  }

  private onInput(event: Event): void {
    this.query = (event.target as HTMLInputElement).value;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.search(this.query.trim()), SEARCH_DELAY_MS);
  }

  private async search(q: string): Promise<void> {
    const ticket = ++this.latest;
    if (!q) {
      this.results = [];
      return;
    }
    try {
      const { recipients } = await this.api.searchRecipients(q);
      if (ticket === this.latest) {
        this.results = recipients.slice(0, 20);
        this.error = '';
      }
    } catch (error) {
      if (ticket === this.latest) this.error = explainError(error);
    }
  }

  override render() {
    return html`
      <label for="q">${msg('Recipient: name, Latin name, email or employee id', { id: 'recipient.label' })}</label>
      <input id="q" type="search" autocomplete="off" spellcheck="false" .value=${this.query} @input=${this.onInput} data-test="recipient-search" />
      ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : null}
      ${this.query.trim() && !this.results.length && !this.error ? html`<p class="muted" role="status">${msg('No one found yet — keep typing.', { id: 'recipient.none' })}</p>` : null}
      <ul aria-label=${msg('Matching recipients', { id: 'recipient.results' })}>
        ${this.results.map((r) => html`<li><button data-recipient=${r.id}
            @click=${() => this.dispatchEvent(new CustomEvent<Recipient>('lw-recipient', { detail: r, bubbles: true, composed: true }))}>
          <span class="name">${r.name}${r.nameLatin && r.nameLatin !== r.name ? html` <span class="sub">${r.nameLatin}</span>` : null}</span>
          <span class="dept">${r.department}</span>
          <span class="sub">${r.email} · ${r.id}</span>
          <span class="acc">${r.needsAccessibleDoor ? msg('♿ accessible door', { id: 'recipient.accessibleShort' }) : ''}</span>
        </button></li>`)}
      </ul>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'lw-recipient-search': LwRecipientSearch }
}

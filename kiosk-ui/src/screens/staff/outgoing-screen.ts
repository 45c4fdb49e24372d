import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import type { ApiClient } from '../../api/client.ts';
import { apiContext } from '../../api/context.ts';
import { carrierName } from '../../api/carrier-name.ts';
import type { StaffSession } from '../../api/types.ts';
import { IdleTimerController } from '../../controllers/idle-timer.ts';
import { explainError } from '../../i18n/errors.ts';
import { navigate } from '../../navigation.ts';
import { awaitingDispatch, collect, type OutgoingItem } from '../send/outgoing-api.ts';
import { serviceName } from '../send/lw-send-service.ts';
import { depositStyles } from './deposit-styles.ts';
import { explainDispatchError } from './outgoing-errors.ts';
import '../../components/lw-idle-warning.ts';
import './outgoing-dispatch.ts';

/** "Collect outgoing": the items waiting in their doors; collect one (its door opens), then record its label and dispatch it. */
@localized()
@customElement('lw-outgoing-screen')
export class LwOutgoingScreen extends LitElement {
  static override styles = [
    ...depositStyles,
    css`
      .columns { grid-template-columns: 1.6fr 1fr; }
      ul { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 8px; }
      li { background: var(--lw-surface); border-radius: var(--lw-radius); padding: 8px 12px; display: grid; grid-template-columns: 1fr auto; gap: 2px 12px; align-items: center; }
      li .what { min-width: 0; }
      li .what, li .sub { grid-column: 1; }
      li button { grid-column: 2; grid-row: 1 / span 2; }
      .door { font-weight: 700; color: var(--lw-accent); }
      .current { flex: 1; min-height: 0; overflow-y: auto; background: var(--lw-surface); border-radius: var(--lw-radius); padding: 8px 14px; display: flex; flex-direction: column; gap: 6px; }
      .sub { color: var(--lw-muted); font-size: 0.95rem; }
      .open { color: var(--lw-accent); font-weight: 700; }
      .done h2 { color: var(--lw-ok); font-size: 1.3rem; }
    `,
  ];

  @consume({ context: apiContext }) private api!: ApiClient;
  @property({ attribute: false }) session!: StaffSession;
  @state() private items: OutgoingItem[] = [];
  @state() private loading = true;
  @state() private current: OutgoingItem | null = null;
  @state() private dispatched: OutgoingItem[] = [];
  @state() private error = '';
  @state() private busy = false;

  private readonly idle = new IdleTimerController(this, { seconds: 180, onTimeout: () => navigate(this, { name: 'home' }) });

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.loading = true;
    try {
      this.items = (await awaitingDispatch(this.api)).items;
    } catch (error) {
      this.error = explainError(error);
    } finally {
      this.loading = false;
    }
  }

  private async collect(item: OutgoingItem): Promise<void> {
    this.busy = true;
    this.error = '';
    try {
      const collected = await collect(this.api, item.id);
      this.current = { ...item, ...collected, door: collected.door ?? item.door };
      this.items = this.items.filter((i) => i.id !== item.id);
    } catch (error) {
      this.error = explainDispatchError(error).text;
      void this.load();
    } finally {
      this.busy = false;
    }
  }

  private onDispatched(item: OutgoingItem): void {
    this.dispatched = [item, ...this.dispatched];
    this.current = null;
    void this.load();
  }

  override render() {
    return html`
      <header>
        <h1>${msg('Outgoing mail', { id: 'outgoing.title' })}</h1>
        <span class="muted who">${this.session?.name}</span>
        <span class="count" data-test="outgoing-count">${msg(str`${this.items.length} waiting`, { id: 'outgoing.count' })}</span>
        <button data-action="deposit" @click=${() => navigate(this, { name: 'deposit', session: this.session })}>${msg('Deposit parcels', { id: 'deposit.title' })}</button>
        <button class="danger" data-action="logout" @click=${() => navigate(this, { name: 'home' })}>${msg('Log out', { id: 'deposit.logout' })}</button>
      </header>
      ${this.current ? html`<section class="current" aria-live="polite">${this.renderCurrent()}</section>` : html`<div class="columns">
        <section class="form" aria-label=${msg('Waiting in doors', { id: 'outgoing.waiting' })}>
          ${this.loading && !this.items.length ? html`<p class="muted">${msg('Loading…', { id: 'outgoing.loading' })}</p>`
            : !this.items.length ? html`<p class="muted" data-test="outgoing-empty">${msg('No outgoing mail is waiting in the wall.', { id: 'outgoing.empty' })}</p>` : null}
          <ul>${this.items.map((i) => this.renderItem(i))}</ul>
        </section>
        <section class="status" aria-live="polite">${this.renderCurrent()}</section>
      </div>`}
      ${this.idle.warning ? html`<lw-idle-warning .seconds=${this.idle.remaining}></lw-idle-warning>` : null}
    `;
  }

  private renderItem(i: OutgoingItem) {
    const a = i.addressee;
    return html`<li data-item=${i.id}>
      <span class="what"><span class="door">${msg(str`Door ${i.door ?? '?'}`, { id: 'open.door' })}</span> · <strong>${serviceName(i.service)}</strong> → ${a.name}, ${a.city} (${a.country})</span>
      <span class="sub">${i.sender.name ?? i.sender.id}${i.sender.department ? ` · ${i.sender.department}` : ''}
        ${i.suggestion ? html`· ${msg('suggested', { id: 'outgoing.suggestedShort' })}: ${carrierName(i.suggestion.carrier)} ${i.suggestion.product}` : null}</span>
      <button class="primary" data-action="collect" ?disabled=${this.busy || this.current !== null} @click=${() => this.collect(i)}>${msg('Collect', { id: 'outgoing.collect' })}</button>
    </li>`;
  }

  private renderCurrent() {
    const c = this.current;
    const last = this.dispatched[0];
    if (!c) {
      return html`
        ${last ? html`<div class="done" role="status" data-test="dispatched">
          <h2>✓ ${msg(str`Dispatched: ${carrierName(last.carrier) ?? ''} ${last.tracking ?? ''}`, { id: 'outgoing.dispatched' })}</h2>
          <p>${msg('The sender is told the tracking number.', { id: 'outgoing.dispatchedHint' })}</p></div>`
          : html`<p class="muted">${msg('Tap "Collect" on an item: its door opens. Take the item out, label it, then record the dispatch here.', { id: 'outgoing.start' })}</p>`}
        ${this.error ? html`<div class="error" role="alert" data-test="error">${this.error}</div>` : null}`;
    }
    return html`
      <div data-test="collected"><span class="open">${msg(str`Door ${c.door ?? '?'} is open — take the item out and close the door.`, { id: 'outgoing.doorOpen' })}</span>
        <div>${serviceName(c.service)} → ${c.addressee.name}, ${c.addressee.city} (${c.addressee.country})${c.declaredValue !== null
          ? html` · <strong>${msg(str`declared value ${c.declaredValue} ${c.declaredCurrency ?? ''}`, { id: 'outgoing.declared' })}</strong>` : null}</div></div>
      <lw-outgoing-dispatch .item=${c} @lw-dispatched=${(e: CustomEvent<OutgoingItem>) => this.onDispatched(e.detail)}></lw-outgoing-dispatch>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'lw-outgoing-screen': LwOutgoingScreen }
}

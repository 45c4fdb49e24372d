import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import type { ApiClient } from '../../api/client.ts';
import { apiContext } from '../../api/context.ts';
import { IdleTimerController } from '../../controllers/idle-timer.ts';
import { LiveDoorsController } from '../../controllers/live-doors.ts';
import { WedgeScannerController } from '../../controllers/wedge-scanner.ts';
import { badgeIcon } from '../../components/badge-icon.ts';
import { navigate } from '../../navigation.ts';
import { dropOff, type DropOff } from './outgoing-api.ts';
import { explainSendError, type SendStep } from './send-errors.ts';
import { sendStyles } from './send-styles.ts';
import { emptyAddressee, missingField, toAddressee, type AddresseeForm } from './lw-send-addressee.ts';
import { declaredValue, emptyService, serviceName, type ServiceForm } from './lw-send-service.ts';
import '../../components/lw-wall-map.ts';
import '../../components/lw-idle-warning.ts';
import './lw-send-addressee.ts';
import './lw-send-service.ts';

type Step = SendStep | 'sending' | 'door' | 'done';
type Sender = { badge: string } | { tap: string };

const RECEIPT_MS = 8000;

/**
 * "Send mail": badge → addressee → service → a free door opens → the item goes in and the door closes → receipt.
 * A refused drop-off sends the person back to the step that can fix it, keeping what they typed.
 */
@localized()
@customElement('lw-send-screen')
export class LwSendScreen extends LitElement {
  static override styles = [
    sendStyles,
    css`
      :host { display: flex; flex-direction: column; gap: 8px; padding: 10px 20px 12px; box-sizing: border-box; }
      header { display: flex; align-items: baseline; gap: 14px; flex-wrap: wrap; }
      h1 { font-size: clamp(1.3rem, 3.4vw, 2rem); }
      .steps { color: var(--lw-muted); font-size: 1rem; }
      header h2 { font-size: 1.2rem; color: var(--lw-accent); }
      .body { flex: 1; min-height: 0; overflow-y: auto; display: flex; flex-direction: column; gap: 10px; padding: 2px; }
      .badge { display: flex; align-items: center; gap: 18px; padding: 18px; border-radius: var(--lw-radius); background: var(--lw-surface); font-size: 1.3rem; }
      .badge svg { flex: none; }
      nav { display: flex; gap: 10px; }
      nav button { min-height: 56px; font-size: 1.15rem; }
      nav .next { margin-left: auto; min-width: 180px; }
      .door { flex: 1; min-height: 0; display: grid; grid-template-columns: 1fr minmax(200px, 38%); gap: 20px; }
      .door .info { display: flex; flex-direction: column; gap: 12px; }
      .door h2 { font-size: clamp(1.5rem, 4vw, 2.4rem); color: var(--lw-accent); }
      .door p, .done p { margin: 0; font-size: 1.2rem; }
      .done h2 { color: var(--lw-ok); font-size: clamp(1.5rem, 4vw, 2.4rem); }
      .summary { background: var(--lw-surface); border-radius: var(--lw-radius); padding: 10px 14px; font-size: 1.1rem; }
      @media (max-height: 520px) { .badge { padding: 10px 14px; } }
    `,
  ];

  @consume({ context: apiContext }) private api!: ApiClient;
  @state() private step: Step = 'badge';
  @state() private error = '';
  @state() private invalid = '';
  @state() private addressee: AddresseeForm = emptyAddressee();
  @state() private service: ServiceForm = emptyService();
  @state() private door = '';
  /** The form is complete and only the badge was refused or expired: the next badge sends it. */
  @state() private confirming = false;

  private sender: Sender | null = null;
  private seenOpen = false;
  private homeTimer: ReturnType<typeof setTimeout> | undefined;

  private readonly live = new LiveDoorsController(this, {
    badge: ({ tap }) => this.identified({ tap }),
    doors: () => this.onDoors(),
  });
  private readonly idle = new IdleTimerController(this, { seconds: 120, onTimeout: () => this.home() });

  constructor() {
    super();
    new WedgeScannerController(this, { onScan: (badge) => this.identified({ badge }) });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.homeTimer);
  }

  private home(): void {
    navigate(this, { name: 'home' });
  }

  private identified(sender: Sender): void {
    if (this.step !== 'badge') return;
    this.sender = sender;
    this.error = '';
    if (this.confirming) void this.send();
    else this.step = 'addressee';
  }

  private next(): void {
    this.error = '';
    this.invalid = '';
    if (this.step === 'addressee') {
      const missing = missingField(this.addressee);
      if (missing) {
        this.invalid = missing;
        this.error = missing === 'name'
          ? msg("Please enter the addressee's name.", { id: 'send.need.name' })
          : msg('Please enter the city.', { id: 'send.need.city' });
        return;
      }
      this.step = 'service';
    } else if (this.step === 'service') {
      if (!this.service.service) {
        this.error = msg('Please choose a service.', { id: 'send.need.service' });
        return;
      }
      if (this.service.service === 'insured' && declaredValue(this.service) === null) {
        this.invalid = 'declaredValue';
        this.error = msg('An insured item needs its declared value and currency.', { id: 'send.error.insured' });
        return;
      }
      void this.send();
    }
  }

  private back(): void {
    this.error = '';
    this.invalid = '';
    if (this.step === 'service') this.step = 'addressee';
    else if (this.step === 'addressee') this.step = 'badge';
    else this.home();
  }

  private request(): DropOff {
    const s = this.service;
    const body: DropOff = { service: s.service!, addressee: toAddressee(this.addressee), size: s.size };
    if (s.service === 'insured') {
      body.declaredValue = declaredValue(s)!;
      body.declaredCurrency = s.declaredCurrency;
    }
    return body;
  }

  private async send(): Promise<void> {
    if (!this.sender) return;
    this.step = 'sending';
    this.confirming = false;
    try {
      const result = await dropOff(this.api, this.sender, this.request());
      this.door = result.door;
      this.seenOpen = Boolean(this.live.door(result.door)?.open);
      this.step = 'door';
    } catch (error) {
      const why = explainSendError(error);
      this.error = why.text;
      this.invalid = why.field ?? '';
      this.step = why.step ?? 'service';
      // The form is fine; only the badge needs doing again (a tap is good for 30 s only).
      if (why.step === 'badge') {
        this.sender = null;
        this.confirming = true;
      }
    }
  }

  private onDoors(): void {
    if (this.step !== 'door') return;
    const door = this.live.door(this.door);
    if (!door) return;
    if (door.open) this.seenOpen = true;
    else if (this.seenOpen) {
      this.step = 'done';
      this.homeTimer = setTimeout(() => this.home(), RECEIPT_MS);
    }
  }

  override render() {
    return html`
      <header>
        <h1>${msg('Send mail', { id: 'send.title' })}</h1>
        ${this.stepLabel()}
      </header>
      ${this.step === 'door' ? this.renderDoor() : this.step === 'done' ? this.renderDone() : this.renderForm()}
      ${this.idle.warning ? html`<lw-idle-warning .seconds=${this.idle.remaining}></lw-idle-warning>` : null}
    `;
  }

  private stepLabel() {
    const n = { badge: 1, addressee: 2, service: 3, sending: 3 }[this.step as string];
    if (!n) return null;
    const title = n === 2 ? msg('Who is it for?', { id: 'send.addresseeTitle' }) : n === 3 ? msg('How should it go?', { id: 'send.serviceTitle' }) : '';
    return html`<span class="steps">${msg(str`Step ${n} of 3`, { id: 'send.step' })}</span>${title ? html`<h2>${title}</h2>` : null}`;
  }

  /** A correction clears the complaint about it (but not a request to tap the badge again). */
  private edited(): void {
    if (this.confirming) return;
    this.error = '';
    this.invalid = '';
  }

  private renderForm() {
    const sending = this.step === 'sending';
    return html`
      <div class="body">
        ${this.step === 'badge' ? html`
          <div class="badge" data-test="send-badge">${badgeIcon()}
            <span>${this.confirming
              ? msg('Tap your badge on the reader to send your item.', { id: 'send.badgeConfirm' })
              : msg('Tap your badge on the reader. The mailroom records you as the sender.', { id: 'send.badgeHint' })}</span></div>` : null}
        ${this.error ? html`<div class="error" role="alert" data-test="error">${this.error}</div>` : null}
        ${this.step === 'addressee' ? html`<lw-send-addressee .value=${this.addressee} .invalid=${this.invalid}
            @lw-change=${(e: CustomEvent<AddresseeForm>) => { this.addressee = e.detail; this.edited(); }}></lw-send-addressee>` : null}
        ${this.step === 'service' || sending ? html`<lw-send-service .value=${this.service} .invalid=${this.invalid}
            @lw-change=${(e: CustomEvent<ServiceForm>) => { this.service = e.detail; this.edited(); }}></lw-send-service>` : null}
      </div>
      <nav>
        <button data-action="back" ?disabled=${sending} @click=${this.back}>${this.step === 'badge'
          ? msg('Cancel', { id: 'send.cancel' }) : `← ${msg('Back', { id: 'common.back' })}`}</button>
        ${this.step === 'addressee' || this.step === 'service' || sending ? html`<button class="primary next" data-action="next" ?disabled=${sending} @click=${this.next}>${
          this.step === 'addressee' ? msg('Next', { id: 'send.next' })
          : sending ? msg('Opening a door…', { id: 'send.opening' }) : msg('Open a door', { id: 'send.open' })}</button>` : null}
      </nav>`;
  }

  private renderDoor() {
    return html`<div class="door">
      <section class="info">
        <h2 role="status" data-test="send-door">${msg(str`Put your item in door ${this.door} and close it`, { id: 'send.putIn' })}</h2>
        <p class="summary">${serviceName(this.service.service ?? '')} · ${this.addressee.name} · ${this.addressee.city} (${this.addressee.country})</p>
        <p class="muted">${msg('Your drop-off receipt is sent to you as soon as the door is closed.', { id: 'send.receiptHint' })}</p>
        <p class="muted">${msg('Door did not open? Keep your item and take it to the mailroom desk.', { id: 'send.didNotOpen' })}</p>
      </section>
      <lw-wall-map plain .doors=${this.live.doors} .highlight=${[this.door]}></lw-wall-map>
    </div>`;
  }

  private renderDone() {
    return html`<div class="body done">
      <h2 role="status" data-test="send-done">✓ ${msg(str`Thank you — your item is in door ${this.door}.`, { id: 'send.done' })}</h2>
      <p>${msg('The mailroom will dispatch it and send you the tracking number. Your drop-off receipt is on its way to you.', { id: 'send.doneHint' })}</p>
      <nav><button class="primary next" data-action="finish" @click=${this.home}>${msg('Done', { id: 'send.finish' })}</button></nav>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'lw-send-screen': LwSendScreen }
}

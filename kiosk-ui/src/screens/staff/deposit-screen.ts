import { LitElement, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { ApiError, type ApiClient } from '../../api/client.ts';
import { apiContext } from '../../api/context.ts';
import type { DepositRequest, DoorSize, Parcel, ParcelUpdate, Recipient, ScanInterpretation, StaffSession } from '../../api/types.ts';
import { IdleTimerController } from '../../controllers/idle-timer.ts';
import { LiveDoorsController } from '../../controllers/live-doors.ts';
import { explainError } from '../../i18n/errors.ts';
import { navigate } from '../../navigation.ts';
import { depositStyles } from './deposit-styles.ts';
import type { LwRecipientSearch } from './lw-recipient-search.ts';
import type { LwScanField } from './lw-scan-field.ts';
import '../../components/lw-idle-warning.ts';
import './lw-scan-field.ts';
import './lw-recipient-search.ts';
import './lw-shift-summary.ts';
import './lw-counter-panel.ts';
import './lw-deposit-door.ts';

const SIZES: DoorSize[] = ['S', 'M', 'L', 'XL'];
const CLASSES = ['registered', 'insured', 'express', 'confidential', 'media'] as const;
/** what a UPU S10 label's service letter says about the item (R, V, E) */
const LABEL_CLASSES = ['registered', 'insured', 'express'];
/** After the door reports closed, how long to wait for the controller to confirm the parcel is stored. */
const CONFIRM_POLL_MS = 500;
const CONFIRM_ATTEMPTS = 20;

type Phase = 'form' | 'depositing' | 'awaiting_close' | 'confirming';

/** Continuous deposit: scan → recipient → size → door opens → close → next, without leaving the screen. */
@localized()
@customElement('lw-deposit-screen')
export class LwDepositScreen extends LitElement {
  static override styles = depositStyles;

  @consume({ context: apiContext }) private api!: ApiClient;
  @property({ attribute: false }) session!: StaffSession;
  @state() private scan = '';
  @state() private tracking = '';
  @state() private reading: ScanInterpretation | null = null;
  @state() private recipient: Recipient | null = null;
  @state() private size: DoorSize | null = null;
  @state() private classes = new Set<string>();
  @state() private declaredValue = '';
  @state() private declaredCurrency = 'CNY';
  @state() private condition = '';
  @state() private phase: Phase = 'form';
  @state() private current: Parcel | null = null;
  @state() private stored: Parcel[] = [];
  @state() private held: Parcel[] = [];
  @state() private lastOutcome: 'stored' | 'held' | null = null;
  @state() private error = '';
  @state() private summary = false;
  @state() private counter = false;
  /** The label format is unknown: the clerk may deposit under the number exactly as scanned. */
  @state() private typedFallback = false;
  @query('lw-scan-field') private scanField!: LwScanField;
  @query('lw-recipient-search') private search!: LwRecipientSearch;

  private seenOpen = false;

  private readonly live = new LiveDoorsController(this, {
    parcel: (u) => this.onParcelUpdate(u),
    doors: () => this.onDoors(),
    // The controller's serial scanner has already read the label: take it as it is.
    scan: (scan) => {
      if (this.phase !== 'form' || !scan.raw) return;
      this.scan = scan.raw.trim();
      this.tracking = '';
      this.reading = scan;
    },
  });
  @state() private leftOpen = false;
  private leftOpenTimer: ReturnType<typeof setTimeout> | undefined;

  private readonly idle = new IdleTimerController(this, { seconds: 180, onTimeout: () => navigate(this, { name: 'home' }) });

  private async onScan(raw: string): Promise<void> {
    this.scan = raw;
    this.tracking = '';
    this.reading = null;
    this.typedFallback = false;
    try {
      this.reading = await this.api.interpretScan(raw);
      const hint = this.reading?.serviceClassHint;
      if (hint && LABEL_CLASSES.includes(hint)) this.classes = new Set([...this.classes, hint]);
    } catch {
      this.reading = null;
    }
    if (!this.recipient) this.search?.shadowRoot?.querySelector('input')?.focus();
  }

  private get ready(): boolean {
    return Boolean((this.scan.trim() || this.tracking) && this.recipient && this.phase === 'form');
  }

  private request(): DepositRequest {
    const body: DepositRequest = this.tracking ? { tracking: this.tracking, recipientId: this.recipient!.id } : { scan: this.scan.trim(), recipientId: this.recipient!.id };
    if (this.size) body.size = this.size;
    if (this.classes.size) body.classes = [...this.classes];
    if (this.classes.has('insured')) {
      body.declaredValue = Number(this.declaredValue) || 0;
      body.declaredCurrency = this.declaredCurrency;
      body.condition = this.condition.trim() || 'intact';
    }
    return body;
  }

  private async deposit(): Promise<void> {
    if (!this.recipient || !(this.scan.trim() || this.tracking)) return;
    this.phase = 'depositing';
    this.error = '';
    try {
      const parcel = await this.api.depositParcel(this.request());
      if (parcel.status === 'held') return this.holdAtCounter(parcel);
      this.current = parcel;
      this.seenOpen = Boolean(parcel.door && this.live.door(parcel.door)?.open);
      this.phase = parcel.status === 'stored' ? 'form' : 'awaiting_close';
      this.remindIfLeftOpen();
      if (parcel.status === 'stored') this.finish(parcel);
    } catch (error) {
      this.phase = 'form';
      this.error = explainError(error);
      if (!(error instanceof ApiError)) return;
      if (error.code === 'door_failed') this.error = msg('That door did not open and is now out of service. Tap "Open a door" again to use another one.', { id: 'deposit.doorFailed' });
      if (error.code === 'ambiguous_scan' && Array.isArray(error.details.candidates)) {
        this.reading = { status: 'ambiguous', candidates: error.details.candidates as { tracking: string; carrier: string | null }[] };
        this.error = '';
      }
      this.typedFallback = error.code === 'unknown_scan';
    }
  }

  private onDoors(): void {
    const door = this.current?.door ? this.live.door(this.current.door) : undefined;
    if (!door || this.phase !== 'awaiting_close') return;
    if (door.open) this.seenOpen = true;
    else if (this.seenOpen) void this.confirmStored();
  }

  private onParcelUpdate(update: ParcelUpdate): void {
    if (update.id !== this.current?.id) return;
    if (update.status === 'stored') this.finish({ ...this.current, status: 'stored', door: update.door ?? this.current.door });
  }

  /** The door closed; the controller stores the parcel in the same step. Ask until it says so. */
  private async confirmStored(): Promise<void> {
    const parcel = this.current;
    if (!parcel || this.phase !== 'awaiting_close') return;
    this.phase = 'confirming';
    for (let attempt = 0; attempt < CONFIRM_ATTEMPTS && this.current?.id === parcel.id && this.phase === 'confirming'; attempt++) {
      try {
        const latest = await this.api.parcel(parcel.id);
        if (latest.status === 'stored') return this.finish({ ...parcel, ...latest });
      } catch {
        // keep asking; the banner shows when the controller is gone
      }
      await new Promise((r) => setTimeout(r, CONFIRM_POLL_MS));
    }
    if (this.current?.id === parcel.id && this.phase === 'confirming') {
      this.phase = 'awaiting_close';
      this.error = msg('The door reports closed but the parcel is not confirmed yet. Check the door and close it again.', { id: 'deposit.notConfirmed' });
    }
  }

  /** A parcel cleared at the counter has its door open now: follow it like a fresh deposit. */
  private fromCounter(parcel: Parcel): void {
    this.counter = false;
    this.held = this.held.filter((p) => p.id !== parcel.id);
    this.current = parcel;
    this.seenOpen = Boolean(parcel.door && this.live.door(parcel.door)?.open);
    this.phase = 'awaiting_close';
    this.remindIfLeftOpen();
  }

  /** A deposit door still open after a minute gets a reminder: the parcel is stored only once it closes. */
  private remindIfLeftOpen(): void {
    clearTimeout(this.leftOpenTimer);
    this.leftOpen = false;
    const id = this.current?.id;
    this.leftOpenTimer = setTimeout(() => (this.leftOpen = this.current?.id === id && this.phase === 'awaiting_close'), 60_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.leftOpenTimer);
  }

  /** An intake rule (inspection, media check) keeps the parcel at the counter: no door opens. */
  private holdAtCounter(parcel: Parcel): void {
    this.held = [parcel, ...this.held];
    this.lastOutcome = 'held';
    this.resetForm();
  }

  private finish(parcel: Parcel): void {
    if (this.stored.some((p) => p.id === parcel.id)) return;
    this.stored = [{ ...parcel, status: 'stored' }, ...this.stored];
    this.held = this.held.filter((p) => p.id !== parcel.id);
    this.lastOutcome = 'stored';
    this.resetForm();
  }

  private resetForm(): void {
    clearTimeout(this.leftOpenTimer);
    this.leftOpen = false;
    this.current = null;
    this.phase = 'form';
    this.scan = '';
    this.tracking = '';
    this.reading = null;
    this.typedFallback = false;
    this.recipient = null;
    this.size = null;
    this.classes = new Set();
    this.declaredValue = '';
    this.condition = '';
    this.error = '';
    this.search?.clear();
    void this.updateComplete.then(() => this.scanField?.focus());
  }

  /** The door turned out full or broken: cancel this deposit and open a different door for the same parcel. */
  private async anotherDoor(reason: 'door_full' | 'door_broken'): Promise<void> {
    const parcel = this.current;
    if (!parcel) return;
    this.phase = 'depositing';
    try {
      // Taking the door out of service is what makes the next deposit pick a different one.
      await this.api.cancelParcel(parcel.id, reason === 'door_full' ? 'Clerk found the door full' : 'Clerk found the door broken');
      this.current = null;
      this.phase = 'form';
      await this.deposit();
    } catch (error) {
      this.error = explainError(error);
      this.phase = 'awaiting_close';
    }
  }

  private async logout(): Promise<void> {
    navigate(this, { name: 'home' });
  }

  private toggleClass(name: string): void {
    const next = new Set(this.classes);
    if (next.has(name)) next.delete(name);
    else next.add(name);
    this.classes = next;
  }

  override render() {
    return html`
      <header>
        <h1>${msg('Deposit parcels', { id: 'deposit.title' })}</h1>
        <span class="muted who">${this.session?.name}</span>
        <span class="count" data-test="count">${msg(str`${this.stored.length} stored this session`, { id: 'deposit.count' })}</span>
        ${this.session?.role === 'admin' ? html`<button data-action="admin" @click=${() => navigate(this, { name: 'admin', session: this.session })}>${msg('Wall overview', { id: 'deposit.admin' })}</button>` : null}
        <button @click=${() => navigate(this, { name: 'outgoing', session: this.session })} data-action="outgoing">${msg('Outgoing', { id: 'deposit.outgoing' })}</button>
        <button @click=${() => (this.counter = true)} data-action="counter">${msg('Counter', { id: 'deposit.counter' })}${this.held.length ? ` (${this.held.length})` : ''}</button>
        <button @click=${() => (this.summary = true)} data-action="summary">${msg('End of shift', { id: 'deposit.summary' })}</button>
        <button class="danger" @click=${this.logout} data-action="logout">${msg('Log out', { id: 'deposit.logout' })}</button>
      </header>
      <div class="columns">
        <section class="form" aria-label=${msg('New parcel', { id: 'deposit.newParcel' })}>
          <lw-scan-field .value=${this.scan} .reading=${this.reading}
            @lw-scan=${(e: CustomEvent<string>) => void this.onScan(e.detail)}
            @lw-scan-edit=${(e: CustomEvent<string>) => { this.scan = e.detail; this.tracking = ''; }}
            @lw-tracking=${(e: CustomEvent<string>) => (this.tracking = e.detail)}></lw-scan-field>
          ${this.recipient ? this.renderRecipient(this.recipient)
            : html`<lw-recipient-search @lw-recipient=${(e: CustomEvent<Recipient>) => (this.recipient = e.detail)}></lw-recipient-search>`}
          ${this.renderChoices()}
        </section>
        <section class="status" aria-live="polite">${this.renderStatus()}</section>
      </div>
      ${this.counter ? html`<lw-counter-panel @lw-close=${() => (this.counter = false)}
        @lw-counter-deposit=${(e: CustomEvent<Parcel>) => this.fromCounter(e.detail)}></lw-counter-panel>` : null}
      ${this.summary ? html`<lw-shift-summary .parcels=${this.stored} @lw-close=${() => (this.summary = false)} @lw-logout=${this.logout}></lw-shift-summary>` : null}
      ${this.idle.warning ? html`<lw-idle-warning .seconds=${this.idle.remaining}></lw-idle-warning>` : null}
    `;
  }

  private renderRecipient(r: Recipient) {
    return html`<div class="recipient" data-test="recipient">
      <div class="who"><strong>${r.name}</strong> ${r.nameLatin !== r.name ? r.nameLatin : ''} · <strong class="dept">${r.department}</strong> · ${r.id}
        ${r.needsAccessibleDoor ? html`<div class="acc">${msg('♿ Needs an accessible door — the wall picks one at a reachable height.', { id: 'deposit.accessible' })}</div>` : null}</div>
      <button @click=${() => (this.recipient = null)} ?disabled=${this.phase !== 'form'}>${msg('Change', { id: 'deposit.changeRecipient' })}</button>
    </div>`;
  }

  private renderChoices() {
    return html`
      <div class="row" role="group" aria-label=${msg('Parcel size', { id: 'deposit.size' })}>
        <span class="label">${msg('Size', { id: 'deposit.sizeShort' })}</span>
        <button aria-pressed=${String(this.size === null)} @click=${() => (this.size = null)}>${msg('Auto', { id: 'deposit.sizeAuto' })}</button>
        ${SIZES.map((s) => html`<button aria-pressed=${String(this.size === s)} data-size=${s} @click=${() => (this.size = s)}>${s}</button>`)}
      </div>
      <div class="row" role="group" aria-label=${msg('Handling', { id: 'deposit.classes' })}>
        ${CLASSES.map((c) => html`<button aria-pressed=${String(this.classes.has(c))} data-class=${c} @click=${() => this.toggleClass(c)}>
          ${this.classLabel(c)}</button>`)}
      </div>
      ${this.classes.has('insured')
        ? html`<div class="row" role="group" aria-label=${msg('Insured item', { id: 'deposit.insured' })}>
            <label>${msg('Declared value', { id: 'deposit.declaredValue' })}
              <input data-test="declared-value" inputmode="decimal" .value=${this.declaredValue} @input=${(e: Event) => (this.declaredValue = (e.target as HTMLInputElement).value)} /></label>
            <label>${msg('Currency', { id: 'deposit.currency' })}
              <select data-test="declared-currency" style="min-height: 48px; min-width: 6rem; font-size: 1rem; border-radius: 8px" @change=${(e: Event) => (this.declaredCurrency = (e.target as HTMLSelectElement).value)}>
                ${['CNY', 'HKD', 'TWD', 'USD', 'EUR'].map((cur) => html`<option ?selected=${cur === this.declaredCurrency}>${cur}</option>`)}
              </select></label>
            <label>${msg('Condition', { id: 'deposit.condition' })}
              <input data-test="condition" placeholder=${msg('intact', { id: 'deposit.conditionIntact' })} .value=${this.condition} @input=${(e: Event) => (this.condition = (e.target as HTMLInputElement).value)} /></label>
          </div>`
        : ''}
    `;
  }

  private classLabel(c: (typeof CLASSES)[number]) {
    switch (c) {
      case 'registered':
        return msg('Registered', { id: 'class.registered' });
      case 'insured':
        return msg('Insured', { id: 'class.insured' });
      case 'express':
        return msg('Express', { id: 'class.express' });
      case 'confidential':
        return msg('Confidential', { id: 'class.confidential' });
      default:
        return msg('Data media', { id: 'class.media' });
    }
  }

  private renderStatus() {
    const parcel = this.current;
    if (parcel && (this.phase === 'awaiting_close' || this.phase === 'confirming')) {
      return html`<lw-deposit-door .parcel=${parcel} .doors=${this.live.doors} ?leftOpen=${this.leftOpen} .error=${this.error}
        @lw-another-door=${(e: CustomEvent<'door_full' | 'door_broken'>) => this.anotherDoor(e.detail)}></lw-deposit-door>`;
    }
    const last = this.stored[0];
    return html`
      ${this.lastOutcome === 'held' ? html`<div class="held" role="status" data-test="held">
        <h2>${msg('Keep this parcel at the counter', { id: 'deposit.held' })}</h2>
        <p>${msg('An intake rule (inspection or media check) holds it before it may go into a door. It is recorded; the recipient is not notified yet.', { id: 'deposit.heldWhy' })}</p></div>` : null}
      ${last && this.lastOutcome === 'stored' ? html`<div class="stored" role="status" data-test="stored">
        <h2>✓ ${msg(str`Stored in door ${last.door ?? '?'}`, { id: 'deposit.stored' })}</h2>
        <p>${msg('The recipient has been notified. Scan the next parcel.', { id: 'deposit.notified' })}</p></div>`
        : html`<p class="muted">${msg('Scan a parcel, choose the recipient, then open a door.', { id: 'deposit.start' })}</p>`}
      ${this.error ? html`<div class="error" role="alert" data-test="error">${this.error}</div>` : null}
      ${this.typedFallback ? html`<button data-action="as-typed" @click=${() => { this.tracking = this.scan.trim(); this.typedFallback = false; void this.deposit(); }}>
        ${msg('Deposit under this number as scanned', { id: 'deposit.asTyped' })}</button>` : null}
      <button class="primary big" ?disabled=${!this.ready} @click=${this.deposit} data-action="deposit">
        ${this.phase === 'depositing' ? msg('Opening a door…', { id: 'deposit.opening' }) : msg('Open a door', { id: 'deposit.open' })}
      </button>
      <ol class="history" aria-label=${msg('Stored this session', { id: 'deposit.history' })}>
        ${this.stored.slice(0, 6).map((p) => html`<li>${msg(str`Door ${p.door ?? '?'}`, { id: 'open.door' })} · ${p.tracking}</li>`)}
      </ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'lw-deposit-screen': LwDepositScreen }
}

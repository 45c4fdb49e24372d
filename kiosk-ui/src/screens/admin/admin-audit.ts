import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import type { ApiClient } from '../../api/client.ts';
import { apiContext } from '../../api/context.ts';
import type { AuditDoor } from '../../api/types.ts';
import { LiveDoorsController } from '../../controllers/live-doors.ts';
import { explainError } from '../../i18n/errors.ts';
import { shared } from '../../styles/theme.ts';
import { statusLabel } from './parcel-status.ts';
import '../../components/lw-wall-map.ts';

/** Where the admin is at the current door: about to open it, looking inside, or waiting for it to shut. */
type Phase = 'loading' | 'start' | 'ready' | 'opening' | 'check' | 'saving' | 'close' | 'summary';
type Finding = 'present' | 'missing' | 'skipped';

/**
 * The guided audit: every occupied door in wall order, opened one at a time. The admin says whether the
 * parcel is there, closes the door (seen on the live feed), and moves on; a summary ends the round.
 */
@localized()
@customElement('lw-admin-audit')
export class LwAdminAudit extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: grid; grid-template-columns: minmax(0, 1fr) minmax(280px, 1.1fr); grid-template-rows: minmax(0, 1fr); gap: 12px; }
      section { display: flex; flex-direction: column; gap: 10px; overflow-y: auto; min-height: 0; background: var(--lw-surface); border-radius: var(--lw-radius); padding: 10px 14px; }
      h2 { font-size: 1.3rem; }
      p { margin: 0; font-size: 1.05rem; }
      .heading { display: flex; align-items: baseline; gap: 12px; flex-wrap: wrap; }
      .progress { color: var(--lw-muted); font-size: 0.95rem; }
      dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 12px; margin: 0; font-size: 1.05rem; }
      dt { color: var(--lw-muted); }
      dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
      .tracking { font-family: ui-monospace, monospace; font-size: 1.2rem; letter-spacing: 0.02em; }
      .row { display: flex; gap: 8px; flex-wrap: wrap; }
      .row button { flex: 1; min-height: 56px; }
      label { display: flex; flex-direction: column; gap: 4px; font-weight: 600; }
      .waiting { border-left: 6px solid var(--lw-accent); padding: 8px 12px; background: var(--lw-surface-2); border-radius: 8px; }
      .figures { display: flex; gap: 8px 24px; flex-wrap: wrap; font-size: 1.1rem; }
      .figures strong { display: block; font-size: 1.6rem; }
      .bad { color: var(--lw-danger); }
      .good { color: var(--lw-ok); }
      ul { margin: 0; padding-left: 1.2em; }
      .end { margin-top: auto; }
    `,
  ];

  @consume({ context: apiContext }) private api!: ApiClient;
  @state() private phase: Phase = 'loading';
  @state() private plan: AuditDoor[] = [];
  @state() private index = 0;
  @state() private findings: { stop: AuditDoor; finding: Finding }[] = [];
  @state() private note = '';
  @state() private error = '';
  @state() private stillOpen = false;
  /** The live feed has shown the audited door open since "Open door", and (`shutAgain`) closed after that. */
  private sawOpen = false;
  private shutAgain = false;
  private readonly live = new LiveDoorsController(this, { doors: () => this.watchDoor() });

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private get stop(): AuditDoor | undefined {
    return this.plan[this.index];
  }

  private async load(): Promise<void> {
    this.phase = 'loading';
    this.error = '';
    this.findings = [];
    this.index = 0;
    try {
      this.plan = (await this.api.auditPlan()).doors;
    } catch (error) {
      this.plan = [];
      this.error = explainError(error);
    }
    this.phase = 'start';
  }

  private async openDoor(): Promise<void> {
    const stop = this.stop;
    if (!stop) return;
    this.phase = 'opening';
    this.error = '';
    try {
      await this.api.openDoorForAudit(stop.door);
      this.note = '';
      this.sawOpen = false;
      this.shutAgain = false;
      this.stillOpen = false;
      this.phase = 'check';
      this.watchDoor();
    } catch (error) {
      this.error = explainError(error);
      this.phase = 'ready';
    }
  }

  private async record(result: 'present' | 'missing'): Promise<void> {
    const stop = this.stop;
    if (!stop) return;
    this.phase = 'saving';
    this.error = '';
    try {
      await this.api.recordAudit(stop.door, result, this.note.trim() || undefined);
      this.findings = [...this.findings, { stop, finding: result }];
      this.phase = 'close';
      // A door shut while the admin was still tapping has already been seen closing.
      this.watchDoor();
    } catch (error) {
      this.error = explainError(error);
      this.phase = 'check';
    }
  }

  /**
   * On every live door update while the audited door is open: it counts as shut only after the feed has shown it
   * open, so a state from before "Open door" never moves the audit on. Once shut and recorded, the next door.
   */
  private watchDoor(): void {
    const stop = this.stop;
    if (!stop || !['check', 'saving', 'close'].includes(this.phase)) return;
    const open = this.live.door(stop.door)?.open;
    if (open) {
      this.sawOpen = true;
      this.shutAgain = false;
    } else if (open === false && this.sawOpen) {
      this.shutAgain = true;
    }
    if (this.phase === 'close' && this.shutAgain) this.next();
  }

  /** Fallback when the live feed missed the door (e.g. it reconnected meanwhile): ask the controller directly. */
  private async checkShut(): Promise<void> {
    const stop = this.stop;
    if (!stop) return;
    this.stillOpen = false;
    await this.live.refresh();
    if (this.phase !== 'close' || this.stop !== stop) return;
    if (this.live.door(stop.door)?.open === false) this.next();
    else this.stillOpen = true;
  }

  private skip(): void {
    const stop = this.stop;
    if (!stop) return;
    this.findings = [...this.findings, { stop, finding: 'skipped' }];
    this.next();
  }

  private next(): void {
    this.error = '';
    this.stillOpen = false;
    this.index += 1;
    this.phase = this.index < this.plan.length ? 'ready' : 'summary';
  }

  private finish(): void {
    const rest = this.plan.slice(this.index).map((stop) => ({ stop, finding: 'skipped' as const }));
    this.findings = [...this.findings, ...rest];
    this.index = this.plan.length;
    this.phase = 'summary';
  }

  override render() {
    const stop = this.phase === 'summary' || this.phase === 'start' || this.phase === 'loading' ? undefined : this.stop;
    return html`
      <lw-wall-map .doors=${this.live.doors} .highlight=${stop ? [stop.door] : []} showState></lw-wall-map>
      <section aria-labelledby="audit-title" data-test="audit" data-phase=${this.phase}>
        ${this.renderPanel()}
        ${this.error ? html`<div class="error" role="alert" data-test="audit-error">${this.error}</div>` : null}
      </section>
    `;
  }

  private renderPanel() {
    const title = html`<h2 id="audit-title">${msg('Guided audit', { id: 'audit.title' })}</h2>`;
    switch (this.phase) {
      case 'loading':
        return html`${title}<p class="muted" role="status">${msg('Loading…', { id: 'common.loading' })}</p>`;
      case 'start':
        return html`${title}
          ${this.plan.length
            ? html`<p>${msg(str`${this.plan.length} occupied doors to check. Each opens in turn: look inside, say what you find, close it.`, { id: 'audit.intro' })}</p>
              <div class="row"><button class="primary" data-action="audit-start" @click=${() => (this.phase = 'ready')}>${msg('Start the audit', { id: 'audit.start' })}</button></div>`
            : html`<p class="muted" role="status">${msg('No door holds a parcel — nothing to audit.', { id: 'audit.none' })}</p>
              <div class="row"><button data-action="audit-reload" @click=${this.load}>${msg('Check again', { id: 'audit.reload' })}</button></div>`}`;
      case 'summary':
        return this.renderSummary();
      default:
        return this.renderStop();
    }
  }

  private renderStop() {
    const stop = this.stop!;
    const door = msg(str`Door ${stop.door}`, { id: 'open.door' });
    return html`
      <div class="heading">
        <h2 id="audit-title" data-test="audit-door">${door}</h2>
        <span class="progress">${msg(str`${this.index + 1} of ${this.plan.length}`, { id: 'audit.progress' })}</span>
      </div>
      <dl>
        <dt>${msg('Tracking', { id: 'summary.tracking' })}</dt><dd class="tracking" data-test="audit-tracking">${stop.tracking}</dd>
        <dt>${msg('Recipient', { id: 'summary.recipient' })}</dt><dd>${stop.recipientId}</dd>
        ${stop.status === 'stored' ? null : html`<dt>${msg('Status', { id: 'audit.status' })}</dt><dd>${statusLabel(stop.status)}</dd>`}
      </dl>
      ${this.renderStep(stop)}
    `;
  }

  private renderStep(stop: AuditDoor) {
    switch (this.phase) {
      case 'ready':
      case 'opening':
        return html`
          <div class="row">
            <button class="primary" data-action="audit-open" ?disabled=${this.phase === 'opening'} @click=${this.openDoor}>
              ${this.phase === 'opening' ? msg('Opening…', { id: 'audit.opening' }) : msg('Open door', { id: 'audit.open' })}</button>
            <button data-action="audit-skip" ?disabled=${this.phase === 'opening'} @click=${this.skip}>${msg('Skip this door', { id: 'audit.skip' })}</button>
          </div>
          <div class="row end"><button class="danger" data-action="audit-finish" ?disabled=${this.phase === 'opening'} @click=${this.finish}>${msg('End the audit', { id: 'audit.finish' })}</button></div>`;
      case 'check':
      case 'saving':
        return html`
          <p role="status">${msg(str`Door ${stop.door} is open. Is this parcel inside?`, { id: 'audit.look' })}</p>
          <label>${msg('Note (optional)', { id: 'audit.note' })}
            <input maxlength="500" autocomplete="off" .value=${this.note} data-test="audit-note"
              @input=${(e: Event) => (this.note = (e.target as HTMLInputElement).value)} /></label>
          <div class="row">
            <button class="primary" data-action="audit-present" ?disabled=${this.phase === 'saving'} @click=${() => this.record('present')}>${msg('Parcel is there', { id: 'audit.present' })}</button>
            <button class="danger" data-action="audit-missing" ?disabled=${this.phase === 'saving'} @click=${() => this.record('missing')}>${msg('Parcel is missing', { id: 'audit.missing' })}</button>
          </div>`;
      case 'close':
        return html`<div class="waiting" role="status" data-test="audit-close">
          <strong>${msg(str`Close door ${stop.door}`, { id: 'audit.close' })}</strong>
          <p>${msg('Waiting for the door to close…', { id: 'deposit.waiting' })}</p></div>
          ${this.stillOpen ? html`<div class="error" role="alert">${msg(str`Door ${stop.door} still reports open. Push it firmly shut.`, { id: 'audit.stillOpen' })}</div>` : null}
          <div class="row end"><button data-action="audit-shut" @click=${this.checkShut}>${msg("I've closed it", { id: 'open.iClosed' })}</button></div>`;
      default:
        return null;
    }
  }

  private renderSummary() {
    const count = (f: Finding) => this.findings.filter((x) => x.finding === f).length;
    const label = (f: Finding) =>
      f === 'present' ? msg('there', { id: 'audit.found.present' })
        : f === 'missing' ? msg('missing', { id: 'audit.found.missing' })
          : msg('not checked', { id: 'audit.found.skipped' });
    return html`
      <h2 id="audit-title">${msg('Audit finished', { id: 'audit.done' })}</h2>
      <div class="figures" role="status" data-test="audit-summary">
        <span class="good" data-count="present"><strong>${count('present')}</strong>${msg('confirmed', { id: 'audit.confirmed' })}</span>
        <span class=${count('missing') ? 'bad' : ''} data-count="missing"><strong>${count('missing')}</strong>${msg('missing', { id: 'audit.found.missing' })}</span>
        ${count('skipped') ? html`<span data-count="skipped"><strong>${count('skipped')}</strong>${msg('not checked', { id: 'audit.found.skipped' })}</span>` : null}
      </div>
      ${count('missing') ? html`<p class="bad">${msg('Missing parcels raise an alarm; follow them up from "Find a parcel".', { id: 'audit.followUp' })}</p>` : null}
      <ul aria-label=${msg('Doors checked', { id: 'audit.checked' })} data-test="audit-findings">
        ${this.findings.map(({ stop, finding }) => html`<li class=${finding === 'missing' ? 'bad' : ''}>
          ${msg(str`Door ${stop.door}`, { id: 'open.door' })} · ${stop.tracking} · ${label(finding)}</li>`)}
      </ul>
      <div class="row end"><button data-action="audit-again" @click=${this.load}>${msg('Audit again', { id: 'audit.again' })}</button></div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'lw-admin-audit': LwAdminAudit }
}

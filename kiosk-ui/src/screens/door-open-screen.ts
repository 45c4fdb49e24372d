import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { consume } from '@lit/context';
import { ApiError, type ApiClient } from '../api/client.ts';
import { apiContext } from '../api/context.ts';
import type { PickupResult } from '../api/types.ts';
import { explainError } from '../i18n/errors.ts';
import { IdleTimerController } from '../controllers/idle-timer.ts';
import { LiveDoorsController } from '../controllers/live-doors.ts';
import { navigate } from '../navigation.ts';
import { shared } from '../styles/theme.ts';
import '../components/lw-wall-map.ts';
import '../components/lw-idle-warning.ts';

/** After this long with a door still open, remind the person to close it. */
const LEFT_OPEN_REMINDER_MS = 30_000;
const THANK_YOU_MS = 4000;

/** "My door didn't open": not asked yet, telling the mailroom, alerted, or sent to the desk without an alert. */
type Report = 'none' | 'sending' | 'reported' | 'desk';

/** "Door 12 is open": which doors to go to, live whether each is closed again, and what to do if not. */
@localized()
@customElement('lw-door-open-screen')
export class LwDoorOpenScreen extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: grid; grid-template-columns: 1fr minmax(200px, 36%); grid-template-rows: minmax(0, 1fr); gap: 20px; padding: 16px 20px; box-sizing: border-box; }
      .info { display: flex; flex-direction: column; gap: 12px; min-width: 0; overflow: auto; }
      h1 { font-size: clamp(1.6rem, 4.4vw, 2.6rem); color: var(--lw-accent); }
      p { margin: 0; font-size: 1.2rem; }
      ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 8px; }
      li { padding: 8px 14px; border-radius: 10px; background: var(--lw-surface); border: 2px solid var(--lw-accent); font-size: 1.2rem; font-weight: 700; }
      li.closed { border-color: var(--lw-ok); color: var(--lw-ok); }
      .actions { display: flex; flex-wrap: wrap; gap: 10px; margin-top: auto; }
      .actions button { min-height: 64px; font-size: 1.15rem; flex: 1; }
      .notice { background: var(--lw-surface); border-left: 6px solid var(--lw-accent); padding: 10px 14px; border-radius: 8px; font-size: 1.1rem; }
      .notice strong { display: block; margin-bottom: 4px; }
      .done { color: var(--lw-ok); }
      lw-wall-map { min-height: 0; }
    `,
  ];

  @consume({ context: apiContext }) private api!: ApiClient;
  @property({ attribute: false }) pickup: PickupResult = { doors: [], parcels: [] };
  @state() private report: Report = 'none';
  @state() private reportError = '';
  @state() private leftOpen = false;
  @state() private stillOpenNotice = false;

  private readonly seenOpen = new Set<string>();
  private readonly closed = new Set<string>();
  private reminderTimer: ReturnType<typeof setTimeout> | undefined;
  private homeTimer: ReturnType<typeof setTimeout> | undefined;

  private readonly live = new LiveDoorsController(this, { doors: () => this.trackDoors() });
  private readonly idle = new IdleTimerController(this, { seconds: 90, onTimeout: () => this.goHome() });

  override connectedCallback(): void {
    super.connectedCallback();
    this.reminderTimer = setTimeout(() => (this.leftOpen = this.openDoors().length > 0), LEFT_OPEN_REMINDER_MS);
    void this.live.refresh().then(() => this.trackDoors());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.reminderTimer);
    clearTimeout(this.homeTimer);
  }

  private trackDoors(): void {
    for (const id of this.pickup.doors) {
      const door = this.live.door(id);
      if (!door) continue;
      if (door.open) this.seenOpen.add(id);
      else if (this.seenOpen.has(id)) this.closed.add(id);
    }
    if (this.allClosed && !this.homeTimer) this.homeTimer = setTimeout(() => this.goHome(), THANK_YOU_MS);
  }

  private get allClosed(): boolean {
    return this.pickup.doors.length > 0 && this.pickup.doors.every((d) => this.closed.has(d));
  }

  private openDoors(): string[] {
    return this.pickup.doors.filter((d) => this.live.door(d)?.open);
  }

  private goHome(): void {
    navigate(this, { name: 'home' });
  }

  private iClosedIt(): void {
    if (this.openDoors().length && !this.stillOpenNotice) this.stillOpenNotice = true;
    else this.goHome();
  }

  /** Alerts the mailroom about this pickup's doors; when that cannot be done, the desk is still the answer. */
  private async didNotOpen(): Promise<void> {
    if (this.report === 'sending' || this.report === 'reported') return;
    this.report = 'sending';
    this.reportError = '';
    try {
      await this.api.reportDidNotOpen(this.pickup.doors);
      this.report = 'reported';
    } catch (error) {
      // nothing_to_report: the doors are no longer in a pickup (closed meanwhile); the desk can still help.
      if (!(error instanceof ApiError && error.code === 'nothing_to_report')) this.reportError = explainError(error);
      this.report = 'desk';
    }
  }

  private renderReport(list: string) {
    switch (this.report) {
      case 'none': return null;
      case 'sending': return html`<div class="notice" role="status">${msg('Telling the mailroom…', { id: 'open.reporting' })}</div>`;
      case 'reported': return html`<div class="notice" role="alert" data-test="help" data-report="reported">
        <strong>${msg('The mailroom has been alerted.', { id: 'open.reported' })}</strong>
        ${msg(str`Your parcel is safe. Please go to the mailroom desk and mention door ${list}; the clerk will open it for you.`, { id: 'open.reportedHelp' })}</div>`;
      case 'desk': return html`<div class="notice" role="alert" data-test="help" data-report="desk">
        ${this.reportError ? html`<p class="muted">${this.reportError}</p>` : null}
        ${msg(str`Your parcel is safe. Please go to the mailroom desk and mention door ${list}; the clerk can see what happened and will open it for you.`, { id: 'open.help' })}</div>`;
    }
  }

  override render() {
    const doors = this.pickup.doors;
    const list = doors.join(', ');
    return html`
      <section class="info">
        ${this.allClosed
          ? html`<h1 class="done" role="status" data-test="thanks">${msg('Thank you — all doors are closed.', { id: 'open.thanks' })}</h1>`
          : html`<h1 role="status" data-test="door-heading">${doors.length === 1
              ? msg(str`Door ${list} is open`, { id: 'open.one' })
              : msg(str`Doors ${list} are open`, { id: 'open.many' })}</h1>
            <p>${doors.length === 1
              ? msg('Take your parcel and close the door.', { id: 'open.instructions' })
              : msg(str`You have ${this.pickup.parcels.length} parcels. Take them all and close each door.`, { id: 'open.instructionsMany' })}</p>`}
        <ul aria-label=${msg('Your doors', { id: 'open.yourDoors' })}>
          ${doors.map((d) => html`<li class=${this.closed.has(d) ? 'closed' : ''} data-door=${d}>
            ${this.closed.has(d) ? msg(str`Door ${d} ✓ closed`, { id: 'open.doorClosed' }) : msg(str`Door ${d}`, { id: 'open.door' })}</li>`)}
        </ul>
        ${this.leftOpen && !this.allClosed ? html`<div class="notice" role="alert">${msg(str`Please close door ${this.openDoors().join(', ')}.`, { id: 'open.leftOpen' })}</div>` : null}
        ${this.stillOpenNotice ? html`<div class="notice" role="alert">${msg(str`Door ${this.openDoors().join(', ')} still reports open. Push it firmly shut, then tap again.`, { id: 'open.stillOpen' })}</div>` : null}
        ${this.renderReport(list)}
        <div class="actions">
          <button class="primary" data-action="closed" @click=${this.iClosedIt}>${msg("I've closed it", { id: 'open.iClosed' })}</button>
          <button data-action="not-open" ?disabled=${this.report === 'sending' || this.report === 'reported'} @click=${this.didNotOpen}>${this.report === 'reported'
            ? msg('Mailroom alerted ✓', { id: 'open.alerted' })
            : msg("My door didn't open", { id: 'open.didntOpen' })}</button>
        </div>
      </section>
      <lw-wall-map plain .doors=${this.live.doors} .highlight=${doors}></lw-wall-map>
      ${this.idle.warning ? html`<lw-idle-warning .seconds=${this.idle.remaining}></lw-idle-warning>` : null}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'lw-door-open-screen': LwDoorOpenScreen }
}

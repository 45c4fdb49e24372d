import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { localized, msg } from '@lit/localize';
import type { ApiClient, StaffCredential } from '../../api/client.ts';
import { apiContext } from '../../api/context.ts';
import { IdleTimerController } from '../../controllers/idle-timer.ts';
import { LiveDoorsController } from '../../controllers/live-doors.ts';
import { KeypadController, type KeypadKey } from '../../controllers/keypad.ts';
import { WedgeScannerController } from '../../controllers/wedge-scanner.ts';
import { explainError } from '../../i18n/errors.ts';
import { navigate, sessionChanged } from '../../navigation.ts';
import { shared } from '../../styles/theme.ts';
import '../../components/lw-keypad.ts';
import '../../components/lw-idle-warning.ts';

/** Mailroom staff log in with their PIN on the keypad or by tapping their badge. */
@localized()
@customElement('lw-staff-login-screen')
export class LwStaffLoginScreen extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: grid; grid-template-columns: 1fr minmax(240px, 340px); grid-template-rows: minmax(0, 1fr); gap: 20px; padding: 16px 20px; box-sizing: border-box; }
      .intro { display: flex; flex-direction: column; gap: 14px; }
      h1 { font-size: clamp(1.4rem, 3.6vw, 2.2rem); }
      .pin { display: flex; gap: 10px; min-height: 48px; align-items: center; }
      .pin .dot { width: 22px; height: 22px; border-radius: 50%; background: var(--lw-accent); }
      .spacer { flex: 1; }
      .notice { background: var(--lw-surface); border-left: 6px solid var(--lw-accent); padding: 10px 14px; border-radius: 8px; }
    `,
  ];

  @consume({ context: apiContext }) private api!: ApiClient;
  @property({ attribute: false }) notice: 'expired' | null = null;
  @state() private error = '';
  @state() private busy = false;

  private readonly idle = new IdleTimerController(this, { seconds: 60, onTimeout: () => navigate(this, { name: 'home' }) });
  private readonly keypad = new KeypadController(this, { maxLength: 8, onSubmit: (pin) => void this.login({ pin }) });

  constructor() {
    super();
    new WedgeScannerController(this, { onScan: (badge) => void this.login({ badge }) });
    new LiveDoorsController(this, { badge: ({ tap }) => void this.login({ tap }) });
  }

  private async login(credential: StaffCredential): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = '';
    try {
      const session = await this.api.login(credential);
      sessionChanged(this, session);
      navigate(this, { name: session.role === 'admin' ? 'admin' : 'deposit', session });
    } catch (error) {
      this.error = explainError(error);
      this.keypad.clear();
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`
      <section class="intro">
        <h1>${msg('Mailroom staff login', { id: 'login.title' })}</h1>
        ${this.notice === 'expired' ? html`<div class="notice" role="status">${msg('Your session has ended. Please log in again.', { id: 'error.session' })}</div>` : null}
        <p class="muted" id="pin-label" style="margin:0;font-size:1.1rem">${msg('Enter your PIN and press OK, or tap your staff badge.', { id: 'login.hint' })}</p>
        <div class="pin" role="status" aria-labelledby="pin-label" aria-live="polite" data-test="pin">
          ${[...this.keypad.value].map(() => html`<span class="dot" aria-hidden="true"></span>`)}
          <span class="visually-hidden">${this.keypad.value.length}</span>
        </div>
        ${this.error ? html`<div class="error" role="alert" data-test="error">${this.error}</div>` : null}
        <div class="spacer"></div>
        <button data-action="back" @click=${() => navigate(this, { name: 'home' })}>← ${msg('Back', { id: 'common.back' })}</button>
      </section>
      <lw-keypad ?okDisabled=${!this.keypad.value || this.busy} @lw-key=${(e: CustomEvent<KeypadKey>) => this.keypad.press(e.detail)}></lw-keypad>
      ${this.idle.warning ? html`<lw-idle-warning .seconds=${this.idle.remaining}></lw-idle-warning>` : null}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'lw-staff-login-screen': LwStaffLoginScreen }
}

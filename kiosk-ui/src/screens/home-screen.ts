import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { localized, msg } from '@lit/localize';
import { ApiError, type ApiClient, type Credential } from '../api/client.ts';
import { apiContext } from '../api/context.ts';
import { LiveDoorsController } from '../controllers/live-doors.ts';
import { KeypadController, type KeypadKey } from '../controllers/keypad.ts';
import { WedgeScannerController } from '../controllers/wedge-scanner.ts';
import { explainError } from '../i18n/errors.ts';
import { isKioskLocale, switchLocale } from '../i18n/locale.ts';
import { navigate } from '../navigation.ts';
import { shared } from '../styles/theme.ts';
import { badgeIcon } from '../components/badge-icon.ts';
import '../components/lw-keypad.ts';

const CODE_LENGTH = 8;

/** Start screen: type the pickup code or tap a badge. Shows no names — anyone can see it. */
@localized()
@customElement('lw-home-screen')
export class LwHomeScreen extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: grid; grid-template-columns: 1fr minmax(240px, 42%); grid-template-rows: minmax(0, 1fr); gap: 20px; padding: 16px 20px; box-sizing: border-box; }
      .intro { display: flex; flex-direction: column; gap: 14px; min-width: 0; }
      h1 { font-size: clamp(1.5rem, 4vw, 2.4rem); }
      .code { display: flex; gap: 6px; }
      .code span { flex: 1; max-width: 52px; height: 58px; display: grid; place-items: center; border-radius: 8px; border: 2px solid var(--lw-border); background: var(--lw-surface); font-size: 1.8rem; font-weight: 700; }
      .code span.filled { border-color: var(--lw-accent); }
      .code span:nth-child(4) { margin-right: 10px; }
      .badge { display: flex; align-items: center; gap: 14px; padding: 12px 14px; border-radius: var(--lw-radius); background: var(--lw-surface); font-size: 1.15rem; }
      .badge svg { flex: none; }
      .spacer { flex: 1; }
      .staff { align-self: flex-start; font-size: 0.95rem; }
      .actions { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; }
      .send { font-size: 1.1rem; font-weight: 600; border-color: var(--lw-accent); }
      .busy { color: var(--lw-accent); font-size: 1.1rem; }
      @media (max-height: 520px) {
        .intro { gap: 10px; }
        h1 { font-size: 1.5rem; }
        .code span { height: 48px; }
        .badge { padding: 6px 12px; }
        .error { padding: 6px 12px; font-size: 1rem; }
      }
      @media (min-height: 700px) { h1 { font-size: 2.6rem; } .code span { max-width: 64px; height: 72px; font-size: 2.2rem; } .intro { gap: 20px; } }
    `,
  ];

  @consume({ context: apiContext }) private api!: ApiClient;
  @state() private error = '';
  @state() private busy = false;

  private readonly keypad = new KeypadController(this, {
    maxLength: CODE_LENGTH,
    submitWhenFull: true,
    onSubmit: (code) => void this.collect({ code }),
  });

  constructor() {
    super();
    new WedgeScannerController(this, { onScan: (badge) => void this.collect({ badge }) });
    new LiveDoorsController(this, { badge: ({ tap }) => void this.collect({ tap }) });
  }

  private async collect(credential: Credential): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = '';
    try {
      const pickup = await this.api.pickup(credential);
      if (isKioskLocale(pickup.collector?.locale)) await switchLocale(pickup.collector.locale);
      navigate(this, { name: 'door-open', pickup });
    } catch (error) {
      // A recognised badge with nothing waiting still tells us the holder's language.
      if (error instanceof ApiError && isKioskLocale(error.details.locale)) await switchLocale(error.details.locale);
      if (error instanceof ApiError && error.code === 'proof_required') {
        const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
        navigate(this, { name: 'proof', request: { credential, proof: list(error.details.proof), condition: list(error.details.condition) } });
        return;
      }
      this.error = explainError(error);
      this.keypad.clear();
    } finally {
      this.busy = false;
    }
  }

  private onKey(event: CustomEvent<KeypadKey>) {
    if (this.error && event.detail !== 'ok') this.error = '';
    this.keypad.press(event.detail);
  }

  override render() {
    const digits = this.keypad.value.padEnd(CODE_LENGTH, ' ').split('');
    return html`
      <section class="intro">
        <h1>${msg('Collect your parcel', { id: 'home.title' })}</h1>
        <p class="muted" id="code-label" style="margin:0;font-size:1.1rem">${msg('Enter the 8-digit pickup code from your message', { id: 'home.codeHint' })}</p>
        <div class="code" role="status" aria-labelledby="code-label" data-test="code">
          ${digits.map((d) => html`<span class=${d.trim() ? 'filled' : ''}>${d}</span>`)}
        </div>
        ${this.busy ? html`<div class="busy" role="status">${msg('Checking…', { id: 'home.checking' })}</div>` : null}
        ${this.error ? html`<div class="error" role="alert" data-test="error">${this.error}</div>` : null}
        <div class="badge">
          ${badgeIcon()}
          <span>${msg('Or tap your badge on the reader', { id: 'home.badgeHint' })}</span>
        </div>
        <div class="spacer"></div>
        <div class="actions">
          <button class="send" data-action="send" @click=${() => navigate(this, { name: 'send' })}>
            <span aria-hidden="true">✉</span> ${msg('Send mail', { id: 'home.send' })}
          </button>
          <button class="staff" data-action="staff" @click=${() => navigate(this, { name: 'staff-login' })}>
            ${msg('Mailroom staff', { id: 'home.staff' })}
          </button>
        </div>
      </section>
      <lw-keypad .okLabel=${msg('Open', { id: 'home.open' })} ?okDisabled=${this.keypad.value.length < CODE_LENGTH || this.busy}
        @lw-key=${this.onKey}></lw-keypad>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'lw-home-screen': LwHomeScreen }
}

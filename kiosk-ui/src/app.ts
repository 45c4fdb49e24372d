import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import { localized } from '@lit/localize';
import { ApiClient } from './api/client.ts';
import { apiContext, wallFeedContext } from './api/context.ts';
import { WallFeed } from './api/wall-feed.ts';
import type { StaffSession } from './api/types.ts';
import { homeLocale, switchLocale } from './i18n/locale.ts';
import type { Screen } from './navigation.ts';
import { themeTokens } from './styles/theme.ts';
import './components/lw-top-bar.ts';
import './components/lw-offline-banner.ts';
import './screens/home-screen.ts';
import './screens/door-open-screen.ts';
import './screens/proof-screen.ts';

/** The banner waits this long so a quick reconnect does not flash it. */
const OFFLINE_GRACE_MS = 2500;

/** Loads the staff screens only when someone goes there, keeping the employee bundle small. */
const staffScreens = () => import('./screens/staff/index.ts');
const adminScreens = () => import('./screens/admin/index.ts');
const sendScreens = () => import('./screens/send/index.ts');

/** The kiosk shell: provides the API client and live wall through context and shows one screen at a time. */
@localized()
@customElement('lw-app')
export class LwApp extends LitElement {
  static override styles = [
    themeTokens,
    css`
      :host { display: flex; flex-direction: column; height: 100%; background: var(--lw-bg); color: var(--lw-text); }
      main { flex: 1; min-height: 0; position: relative; }
      main > * { height: 100%; }
    `,
  ];

  @property({ type: Boolean, reflect: true }) contrast = false;
  @state() private screen: Screen = { name: 'home' };
  @state() private offline = false;

  private readonly api = new ApiClient();
  private readonly feed = new WallFeed(this.api);
  private offlineTimer: ReturnType<typeof setTimeout> | undefined;
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    new ContextProvider(this, { context: apiContext, initialValue: this.api });
    new ContextProvider(this, { context: wallFeedContext, initialValue: this.feed });
    this.api.onSessionExpired = () => this.endSession('expired');
    this.feed.subscribe({ connection: (connected) => this.connectionChanged(connected) });
    this.connectionChanged(false);
    this.addEventListener('lw-navigate', (e) => void this.show((e as CustomEvent<Screen>).detail));
    this.addEventListener('lw-session', (e) => this.sessionStarted((e as CustomEvent<StaffSession | null>).detail));
    this.addEventListener('lw-contrast', () => (this.contrast = !this.contrast));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void switchLocale(homeLocale());
    this.feed.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.feed.stop();
  }

  private async show(screen: Screen): Promise<void> {
    if (screen.name === 'staff-login' || screen.name === 'deposit' || screen.name === 'outgoing') await staffScreens();
    if (screen.name === 'send') await sendScreens();
    if (screen.name === 'admin') await adminScreens();
    if (screen.name === 'home') {
      if (this.api.token) await this.api.logout();
      clearTimeout(this.expiryTimer);
      if (this.screen.name !== 'home') void switchLocale(homeLocale());
    }
    this.screen = screen;
  }

  private sessionStarted(session: StaffSession | null): void {
    clearTimeout(this.expiryTimer);
    if (!session) return;
    const ms = Date.parse(session.expiresAt) - Date.now();
    if (Number.isFinite(ms) && ms > 0) this.expiryTimer = setTimeout(() => this.endSession('expired'), Math.min(ms, 2 ** 31 - 1));
  }

  private endSession(notice: 'expired'): void {
    this.api.token = null;
    void this.show({ name: 'staff-login', notice });
  }

  private connectionChanged(connected: boolean): void {
    clearTimeout(this.offlineTimer);
    if (connected) this.offline = false;
    else this.offlineTimer = setTimeout(() => (this.offline = !this.feed.connected), OFFLINE_GRACE_MS);
  }

  override render() {
    return html`
      <lw-top-bar ?contrast=${this.contrast}></lw-top-bar>
      ${this.offline ? html`<lw-offline-banner></lw-offline-banner>` : null}
      <main>${this.renderScreen()}</main>
    `;
  }

  private renderScreen() {
    const s = this.screen;
    switch (s.name) {
      case 'home': return html`<lw-home-screen></lw-home-screen>`;
      case 'door-open': return html`<lw-door-open-screen .pickup=${s.pickup}></lw-door-open-screen>`;
      case 'proof': return html`<lw-proof-screen .request=${s.request}></lw-proof-screen>`;
      case 'staff-login': return html`<lw-staff-login-screen .notice=${s.notice ?? null}></lw-staff-login-screen>`;
      case 'deposit': return html`<lw-deposit-screen .session=${s.session}></lw-deposit-screen>`;
      case 'admin': return html`<lw-admin-screen .session=${s.session}></lw-admin-screen>`;
      case 'send': return html`<lw-send-screen></lw-send-screen>`;
      case 'outgoing': return html`<lw-outgoing-screen .session=${s.session}></lw-outgoing-screen>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap { 'lw-app': LwApp }
}

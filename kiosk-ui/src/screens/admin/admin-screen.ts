import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import type { StaffSession } from '../../api/types.ts';
import { IdleTimerController } from '../../controllers/idle-timer.ts';
import { navigate } from '../../navigation.ts';
import { shared } from '../../styles/theme.ts';
import '../../components/lw-idle-warning.ts';
import './admin-wall.ts';
import './admin-parcels.ts';
import './admin-overdue.ts';
import './admin-stats.ts';
import './admin-audit.ts';

type Tab = 'wall' | 'parcels' | 'overdue' | 'audit' | 'stats';

/** The mailroom's own screens: the live wall, parcel search with timelines, what is overdue, the guided audit. */
@localized()
@customElement('lw-admin-screen')
export class LwAdminScreen extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: flex; flex-direction: column; padding: 8px 14px; box-sizing: border-box; gap: 8px; }
      nav { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; }
      [role='tablist'] { display: flex; gap: 8px; flex-wrap: wrap; }
      nav [role='tab'][aria-selected='true'] { background: var(--lw-primary); color: var(--lw-primary-text); border-color: var(--lw-primary); }
      nav .end { margin-left: auto; display: flex; gap: 8px; }
      /* Five tabs and two actions on one row at 800 px, so the panels keep their height. */
      @media (max-width: 900px) { nav button { padding: 0 10px; font-size: 1rem; } nav, [role='tablist'], nav .end { gap: 6px; } }
      .panel { flex: 1; min-height: 0; }
      .panel > * { height: 100%; }
    `,
  ];

  @property({ attribute: false }) session!: StaffSession;
  @state() private tab: Tab = 'wall';
  private readonly idle = new IdleTimerController(this, { seconds: 300, onTimeout: () => navigate(this, { name: 'home' }) });

  private renderTab() {
    switch (this.tab) {
      case 'wall': return html`<lw-admin-wall></lw-admin-wall>`;
      case 'parcels': return html`<lw-admin-parcels></lw-admin-parcels>`;
      case 'overdue': return html`<lw-admin-overdue></lw-admin-overdue>`;
      case 'audit': return html`<lw-admin-audit></lw-admin-audit>`;
      case 'stats': return html`<lw-admin-stats></lw-admin-stats>`;
    }
  }

  override render() {
    const tabs: [Tab, string][] = [
      ['wall', msg('Wall', { id: 'admin.tab.wall' })],
      ['parcels', msg('Find a parcel', { id: 'admin.tab.parcels' })],
      ['overdue', msg('Overdue', { id: 'admin.tab.overdue' })],
      ['audit', msg('Audit', { id: 'admin.tab.audit' })],
      ['stats', msg('Statistics', { id: 'admin.tab.stats' })],
    ];
    return html`
      <nav>
        <div role="tablist" aria-label=${msg('Admin sections', { id: 'admin.sections' })}>
          ${tabs.map(([id, label]) => html`<button role="tab" id="tab-${id}" aria-selected=${String(this.tab === id)} aria-controls="panel"
            data-tab=${id} @click=${() => (this.tab = id)}>${label}</button>`)}
        </div>
        <span class="end">
          <button data-action="deposit" @click=${() => navigate(this, { name: 'deposit', session: this.session })}>${msg('Deposit parcels', { id: 'deposit.title' })}</button>
          <button class="danger" data-action="logout" @click=${() => navigate(this, { name: 'home' })}>${msg('Log out', { id: 'deposit.logout' })}</button>
        </span>
      </nav>
      <div class="panel" id="panel" role="tabpanel" aria-labelledby="tab-${this.tab}">
        ${this.renderTab()}
      </div>
      ${this.idle.warning ? html`<lw-idle-warning .seconds=${this.idle.remaining}></lw-idle-warning>` : null}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'lw-admin-screen': LwAdminScreen }
}

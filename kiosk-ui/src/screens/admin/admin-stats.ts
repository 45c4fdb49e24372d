import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { localized, msg } from '@lit/localize';
import type { ApiClient } from '../../api/client.ts';
import { apiContext } from '../../api/context.ts';
import { carrierName } from '../../api/carrier-name.ts';
import { explainError } from '../../i18n/errors.ts';
import { shared } from '../../styles/theme.ts';
import '../../components/lw-bar-chart.ts';

interface CountRow { key: string; received: number; collected: number }
interface MailroomStats {
  periods: { period: string; received: number; collected: number; overdue: number }[];
  byCarrier: CountRow[];
  byDepartment: CountRow[];
  dwellMinutes: { count: number; median: number | null; p90: number | null };
  doorUtilisation: { size: string; doors: number; utilisation: number }[];
  overdue: number;
  busiestHours: { hour: number; received: number }[];
}

const RECEIVED = '#60a5fa';
const COLLECTED = '#4ade80';

/** The last 30 days as charts: parcels in and out, busiest hours, carriers, door use, dwell time. */
@localized()
@customElement('lw-admin-stats')
export class LwAdminStats extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; overflow-y: auto; }
      .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 12px; }
      .card { background: var(--lw-surface); border-radius: var(--lw-radius); padding: 10px 12px; }
      .figures { display: flex; flex-wrap: wrap; gap: 8px 24px; font-size: 1.1rem; }
      .figures strong { font-size: 1.5rem; display: block; }
    `,
  ];

  @consume({ context: apiContext }) private api!: ApiClient;
  @state() private stats: MailroomStats | null = null;
  @state() private error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    this.api.request<MailroomStats>('GET', '/api/admin/stats?groupBy=day').then(
      (stats) => (this.stats = stats),
      (error) => (this.error = explainError(error)),
    );
  }

  override render() {
    const s = this.stats;
    if (this.error) return html`<div class="error" role="alert">${this.error}</div>`;
    if (!s) return html`<p class="muted" role="status">${msg('Loading…', { id: 'common.loading' })}</p>`;
    const received = msg('received', { id: 'stats.received' });
    const collected = msg('collected', { id: 'status.collected' });
    const hours = Array.from({ length: 24 }, (_, hour) => s.busiestHours.find((h) => h.hour === hour)?.received ?? 0);
    const minutes = (m: number | null) => (m === null ? '—' : m < 120 ? `${Math.round(m)} min` : `${(m / 60).toFixed(1)} h`);
    return html`<div class="grid" tabindex="0" aria-label=${msg('Statistics, last 30 days', { id: 'stats.title' })}>
      <div class="card figures" data-test="stats-figures">
        <span><strong>${s.periods.reduce((n, p) => n + p.received, 0)}</strong>${msg('parcels received', { id: 'stats.totalReceived' })}</span>
        <span><strong>${s.overdue}</strong>${msg('overdue now', { id: 'stats.overdue' })}</span>
        <span><strong>${minutes(s.dwellMinutes.median)}</strong>${msg('median wait to pickup', { id: 'stats.dwellMedian' })}</span>
        <span><strong>${minutes(s.dwellMinutes.p90)}</strong>${msg('90% collected within', { id: 'stats.dwellP90' })}</span>
      </div>
      <lw-bar-chart class="card" caption=${msg('Parcels per day', { id: 'stats.perDay' })} .labels=${s.periods.map((p) => p.period.slice(5))}
        .series=${[{ label: received, colour: RECEIVED, values: s.periods.map((p) => p.received) }, { label: collected, colour: COLLECTED, values: s.periods.map((p) => p.collected) }]}></lw-bar-chart>
      <lw-bar-chart class="card" caption=${msg('Deposits by hour of day', { id: 'stats.hours' })} .labels=${hours.map((_, h) => String(h))}
        .series=${[{ label: received, colour: RECEIVED, values: hours }]}></lw-bar-chart>
      <lw-bar-chart class="card" caption=${msg('Carriers', { id: 'stats.carriers' })} .labels=${s.byCarrier.map((c) => carrierName(c.key) ?? c.key)}
        .series=${[{ label: received, colour: RECEIVED, values: s.byCarrier.map((c) => c.received) }, { label: collected, colour: COLLECTED, values: s.byCarrier.map((c) => c.collected) }]}></lw-bar-chart>
      <lw-bar-chart class="card" caption=${msg('Door use by size (% of the time occupied)', { id: 'stats.utilisation' })} .labels=${s.doorUtilisation.map((d) => d.size)}
        .series=${[{ label: '%', colour: '#fbbf24', values: s.doorUtilisation.map((d) => Math.round(d.utilisation * 100)) }]}></lw-bar-chart>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'lw-admin-stats': LwAdminStats }
}

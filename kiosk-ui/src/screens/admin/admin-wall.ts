import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import type { ApiClient } from '../../api/client.ts';
import { apiContext } from '../../api/context.ts';
import { LiveDoorsController } from '../../controllers/live-doors.ts';
import { doorStateLabel } from '../../components/lw-wall-map.ts';
import { explainError } from '../../i18n/errors.ts';
import { shared } from '../../styles/theme.ts';
import '../../components/lw-wall-map.ts';

/** The live wall over SSE: every door's state, the alarms as they come, and a door's service switch. */
@localized()
@customElement('lw-admin-wall')
export class LwAdminWall extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: grid; grid-template-columns: minmax(0, 1.4fr) minmax(220px, 1fr); grid-template-rows: minmax(0, 1fr); gap: 12px; }
      aside { display: flex; flex-direction: column; gap: 10px; overflow-y: auto; min-height: 0; }
      .card { background: var(--lw-surface); border-radius: var(--lw-radius); padding: 10px 12px; }
      .counts { display: flex; flex-wrap: wrap; gap: 6px 14px; font-size: 1.05rem; }
      ul { margin: 4px 0 0; padding-left: 1.2em; }
      h2 { font-size: 1.15rem; margin-bottom: 4px; }
      .row { display: flex; gap: 8px; flex-wrap: wrap; margin-top: 8px; }
    `,
  ];

  @consume({ context: apiContext }) private api!: ApiClient;
  @state() private selected: string | null = null;
  @state() private error = '';
  private readonly live = new LiveDoorsController(this);

  private async setEnabled(door: string, enabled: boolean): Promise<void> {
    try {
      this.error = '';
      await this.api.patchDoor(door, { enabled });
      await this.live.refresh();
    } catch (error) {
      this.error = explainError(error);
    }
  }

  private async clearFault(door: string): Promise<void> {
    try {
      this.error = '';
      await this.api.patchDoor(door, { clearFault: true });
      await this.live.refresh();
    } catch (error) {
      this.error = explainError(error);
    }
  }

  override render() {
    const doors = this.live.doors;
    const count = (f: (d: (typeof doors)[number]) => boolean) => doors.filter(f).length;
    const door = this.selected ? this.live.door(this.selected) : undefined;
    return html`
      <lw-wall-map .doors=${doors} .highlight=${this.selected ? [this.selected] : []} interactive showState
        @lw-door=${(e: CustomEvent<string>) => (this.selected = e.detail)}></lw-wall-map>
      <aside>
        <div class="card counts" role="status" data-test="counts">
          <span>${msg(str`Free: ${count((d) => d.enabled && !d.occupied && !d.fault)}`, { id: 'admin.free' })}</span>
          <span>${msg(str`Occupied: ${count((d) => d.occupied)}`, { id: 'admin.occupied' })}</span>
          <span data-test="open-count">${msg(str`Open: ${count((d) => d.open)}`, { id: 'admin.open' })}</span>
          <span>${msg(str`Faults: ${count((d) => Boolean(d.fault))}`, { id: 'admin.faults' })}</span>
          <span>${msg(str`Out of service: ${count((d) => !d.enabled)}`, { id: 'admin.disabled' })}</span>
        </div>
        ${door ? html`<div class="card" data-test="door-detail">
          <h2>${msg(str`Door ${door.door}`, { id: 'open.door' })} · ${door.size}${door.accessible ? ' · ♿' : ''}${door.secure ? ' · 🔒' : ''}</h2>
          <div>${doorStateLabel(door)}${door.fault ? html` — ${door.fault}` : null}</div>
          <div class="row">
            ${door.enabled
              ? html`<button class="danger" data-action="disable" @click=${() => this.setEnabled(door.door, false)}>${msg('Take out of service', { id: 'admin.disableDoor' })}</button>`
              : html`<button data-action="enable" @click=${() => this.setEnabled(door.door, true)}>${msg('Put back in service', { id: 'admin.enableDoor' })}</button>`}
            ${door.fault ? html`<button @click=${() => this.clearFault(door.door)}>${msg('Clear fault', { id: 'admin.clearFault' })}</button>` : null}
          </div>
          ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : null}
        </div>` : html`<p class="muted">${msg('Tap a door to see it and take it out of service.', { id: 'admin.tapDoor' })}</p>`}
        <div class="card">
          <h2>${msg('Alarms', { id: 'admin.alarms' })}</h2>
          ${this.live.alarms.length
            ? html`<ul data-test="alarms">${this.live.alarms.slice(0, 10).map((a) => html`<li>${a.door ? msg(str`Door ${a.door}`, { id: 'open.door' }) + ': ' : ''}${a.message}</li>`)}</ul>`
            : html`<p class="muted">${msg('No alarms since this screen opened.', { id: 'admin.noAlarms' })}</p>`}
        </div>
      </aside>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'lw-admin-wall': LwAdminWall }
}

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { Door, DoorSize } from '../api/types.ts';

const ROW_WEIGHT: Record<DoorSize, number> = { S: 1, M: 1.3, L: 1.7, XL: 2.2 };

export function doorStateLabel(door: Door): string {
  if (!door.enabled) return msg('out of service', { id: 'door.state.disabled' });
  if (door.fault) return msg('fault', { id: 'door.state.fault' });
  if (door.open) return msg('open', { id: 'door.state.open' });
  return door.occupied ? msg('occupied', { id: 'door.state.occupied' }) : msg('free', { id: 'door.state.free' });
}

/**
 * A picture of the wall laid out by each door's column and row, rows as tall as their biggest door.
 * `highlight` marks the doors a person should walk to; `interactive` lets staff tap a door (`lw-door`).
 */
@localized()
@customElement('lw-wall-map')
export class LwWallMap extends LitElement {
  static override styles = css`
    :host { display: block; height: 100%; min-height: 0; }
    .wall { display: grid; gap: 4px; height: 100%; padding: 6px; box-sizing: border-box; background: #55606e; border-radius: 10px; }
    .door {
      display: flex; flex-direction: column; align-items: center; justify-content: center;
      border-radius: 5px; background: #dfe6ee; color: #1b2533; font-weight: 700; font-size: 0.95rem;
      border: 2px solid #8a99ab; min-width: 0; min-height: 0; font-family: inherit; padding: 0;
    }
    .door small { font-weight: 400; font-size: 0.7rem; }
    .occupied { background: #a9c3e6; }
    .open { background: #fff7d1; border-style: dashed; border-color: #7a5a00; }
    .fault { background: #ffd0d0; border-color: #a00; color: #600; }
    .disabled { background: #8d96a3; color: #111; }
    .hl { background: var(--lw-accent, #ffd23f); color: #111; border: 4px solid #111; outline: 4px solid var(--lw-accent, #ffd23f); z-index: 1; animation: pulse 1.2s ease-in-out infinite alternate; }
    @keyframes pulse { to { outline-color: transparent; } }
    @media (prefers-reduced-motion: reduce) { .hl { animation: none; } }
    button.door { cursor: pointer; }
  `;

  @property({ attribute: false }) doors: Door[] = [];
  @property({ attribute: false }) highlight: string[] = [];
  @property({ type: Boolean }) interactive = false;
  @property({ type: Boolean }) showState = false;
  /** Employee view: only the highlighted doors stand out; other doors' occupancy is nobody's business. */
  @property({ type: Boolean }) plain = false;

  override render() {
    if (!this.doors.length) return nothing;
    const columns = Math.max(...this.doors.map((d) => d.column)) + 1;
    const rows = Math.max(...this.doors.map((d) => d.row)) + 1;
    const rowWeights = Array.from({ length: rows }, (_, r) =>
      Math.max(1, ...this.doors.filter((d) => d.row === r).map((d) => ROW_WEIGHT[d.size] ?? 1)),
    );
    return html`
      <div class="wall" role=${this.interactive ? 'group' : 'img'} aria-label=${this.summary()}
        style="grid-template-columns: repeat(${columns}, 1fr); grid-template-rows: ${rowWeights.map((w) => `${w}fr`).join(' ')}">
        ${this.doors.map((door) => this.door(door))}
      </div>
    `;
  }

  private door(door: Door) {
    const state = this.plain ? [] : [door.occupied && 'occupied', door.open && 'open', door.fault && 'fault', door.enabled === false && 'disabled'];
    const classes = ['door', ...state, this.highlight.includes(door.door) && 'hl'].filter(Boolean).join(' ');
    const place = `grid-column: ${door.column + 1}; grid-row: ${door.row + 1}`;
    const label = html`${door.door}${this.showState ? html`<small>${doorStateLabel(door)}</small>` : nothing}`;
    if (!this.interactive) return html`<div class=${classes} style=${place} data-door=${door.door}>${label}</div>`;
    return html`<button class=${classes} style=${place} data-door=${door.door}
      @click=${() => this.dispatchEvent(new CustomEvent('lw-door', { detail: door.door, bubbles: true, composed: true }))}>${label}</button>`;
  }

  private summary(): string {
    if (!this.highlight.length) return msg('Locker wall', { id: 'wall.label' });
    return msg(str`Locker wall; your doors: ${this.highlight.join(', ')}`, { id: 'wall.highlighted' });
  }
}

declare global {
  interface HTMLElementTagNameMap { 'lw-wall-map': LwWallMap }
}

import { LitElement, css, html, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';

export interface BarSeries {
  label: string;
  colour: string;
  values: number[];
}

/** A small grouped bar chart in SVG; the numbers are also in a table for screen readers. */
@customElement('lw-bar-chart')
export class LwBarChart extends LitElement {
  static override styles = css`
    :host { display: block; }
    figure { margin: 0; }
    figcaption { font-weight: 600; margin-bottom: 4px; }
    svg { width: 100%; height: 120px; display: block; }
    .axis { display: flex; font-size: 0.8rem; color: var(--lw-muted, #c3cedc); }
    .axis span { flex: 1; min-width: 0; text-align: center; white-space: nowrap; overflow: visible; }
    .legend { display: flex; gap: 12px; font-size: 0.9rem; }
    .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 4px; vertical-align: -1px; }
    table { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  `;

  @property() caption = '';
  @property({ attribute: false }) labels: string[] = [];
  @property({ attribute: false }) series: BarSeries[] = [];

  override render() {
    const max = Math.max(1, ...this.series.flatMap((s) => s.values));
    const n = Math.max(1, this.labels.length);
    const width = 600;
    const height = 120;
    const slot = width / n;
    const bar = Math.max(1, (slot * 0.8) / Math.max(1, this.series.length));
    const every = Math.ceil(n / 8);
    return html`<figure>
      <figcaption>${this.caption}</figcaption>
      <svg viewBox="0 0 ${width} ${height}" preserveAspectRatio="none" aria-hidden="true">
        ${this.series.map((s, si) => s.values.map((v, i) => {
          const h = (v / max) * height;
          return svg`<rect x=${i * slot + slot * 0.1 + si * bar} y=${height - h} width=${bar - 1} height=${h} fill=${s.colour}></rect>`;
        }))}
      </svg>
      <div class="axis" aria-hidden="true">${this.labels.map((l, i) => html`<span>${i % every === 0 ? l : ''}</span>`)}</div>
      ${this.series.length > 1 ? html`<div class="legend">${this.series.map((s) => html`<span><span class="swatch" style="background:${s.colour}"></span>${s.label}</span>`)}</div>` : null}
      <table>
        <caption>${this.caption}</caption>
        <tr><th></th>${this.series.map((s) => html`<th>${s.label}</th>`)}</tr>
        ${this.labels.map((l, i) => html`<tr><th>${l}</th>${this.series.map((s) => html`<td>${s.values[i]}</td>`)}</tr>`)}
      </table>
    </figure>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'lw-bar-chart': LwBarChart }
}

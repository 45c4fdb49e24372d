import { LitElement, css, html } from 'lit';
import { customElement, query } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import type { Stroke } from './signature-check.ts';

/** A box to sign in with a finger; records strokes as [x, y, t] and fires `lw-signature-change`. */
@localized()
@customElement('lw-signature-pad')
export class LwSignaturePad extends LitElement {
  static override styles = css`
    :host { display: block; position: relative; background: #fff; border-radius: 12px; border: 3px solid var(--lw-border, #5d7391); touch-action: none; }
    canvas { display: block; width: 100%; height: 100%; border-radius: 10px; }
    .line { position: absolute; left: 6%; right: 6%; bottom: 22%; border-bottom: 2px dashed #6b7280; pointer-events: none; }
    .hint { position: absolute; left: 6%; bottom: 8%; color: #374151; font-size: 0.95rem; pointer-events: none; }
  `;

  strokes: Stroke[] = [];
  @query('canvas') private canvas!: HTMLCanvasElement;
  private start = 0;
  private drawing = false;

  clear(): void {
    this.strokes = [];
    const ctx = this.canvas?.getContext('2d');
    ctx?.clearRect(0, 0, this.canvas.width, this.canvas.height);
    this.changed();
  }

  override firstUpdated(): void {
    const rect = this.canvas.getBoundingClientRect();
    this.canvas.width = Math.max(1, Math.round(rect.width));
    this.canvas.height = Math.max(1, Math.round(rect.height));
  }

  private point(event: PointerEvent): [number, number, number] {
    const rect = this.canvas.getBoundingClientRect();
    if (!this.start) this.start = event.timeStamp;
    return [Math.round(event.clientX - rect.left), Math.round(event.clientY - rect.top), Math.round(event.timeStamp - this.start)];
  }

  private down(event: PointerEvent): void {
    this.canvas.setPointerCapture?.(event.pointerId);
    this.drawing = true;
    this.strokes.push([this.point(event)]);
    this.draw();
  }

  private move(event: PointerEvent): void {
    if (!this.drawing) return;
    this.strokes[this.strokes.length - 1]!.push(this.point(event));
    this.draw();
  }

  private up(): void {
    if (!this.drawing) return;
    this.drawing = false;
    this.changed();
  }

  private draw(): void {
    const ctx = this.canvas.getContext('2d');
    const stroke = this.strokes[this.strokes.length - 1];
    if (!ctx || !stroke) return;
    ctx.strokeStyle = '#111827';
    ctx.lineWidth = 3;
    ctx.lineCap = ctx.lineJoin = 'round';
    ctx.beginPath();
    const from = stroke[Math.max(0, stroke.length - 2)]!;
    const to = stroke[stroke.length - 1]!;
    ctx.moveTo(from[0], from[1]);
    ctx.lineTo(to[0] + (from === to ? 0.1 : 0), to[1]);
    ctx.stroke();
  }

  private changed(): void {
    this.dispatchEvent(new CustomEvent('lw-signature-change', { detail: this.strokes, bubbles: true, composed: true }));
  }

  override render() {
    return html`<canvas role="img" aria-label=${msg('Signature box: sign here with your finger', { id: 'sign.box' })}
        @pointerdown=${this.down} @pointermove=${this.move} @pointerup=${this.up} @pointercancel=${this.up} @pointerleave=${this.up}></canvas>
      <div class="line"></div><div class="hint" aria-hidden="true">✍ ${msg('Sign here', { id: 'sign.here' })}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'lw-signature-pad': LwSignaturePad }
}

import { LitElement, css, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import type { ScanInterpretation } from '../../api/types.ts';
import { carrierName } from '../../api/carrier-name.ts';
import { WedgeScannerController } from '../../controllers/wedge-scanner.ts';
import { shared } from '../../styles/theme.ts';

/**
 * The parcel label scan: a scanner "types" into the field and presses Enter; a scan that arrives while
 * nothing is focused lands here too. Fires `lw-scan` with the raw text; shows what the controller read.
 */
@localized()
@customElement('lw-scan-field')
export class LwScanField extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      label { display: block; font-weight: 600; margin-bottom: 4px; }
      .read { margin-top: 6px; display: flex; flex-wrap: wrap; gap: 6px; align-items: center; min-height: 28px; }
      .chip { padding: 3px 10px; border-radius: 999px; background: var(--lw-surface-2); border: 1px solid var(--lw-border); font-size: 0.95rem; }
      .warn { color: var(--lw-accent); }
      .candidates button { min-height: 44px; font-size: 0.95rem; }
    `,
  ];

  @property() value = '';
  @property({ attribute: false }) reading: ScanInterpretation | null = null;
  @query('input') private input!: HTMLInputElement;

  constructor() {
    super();
    // A scan that lands in another field (say the recipient search) is taken back out of it and put here.
    new WedgeScannerController(this, {
      captureInFields: true,
      ignore: (field) => field === this.input,
      onScan: (raw, field) => {
        if (field && field.value.endsWith(raw)) {
          field.value = field.value.slice(0, -raw.length);
          field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        }
        this.submit(raw);
      },
    });
  }

  override focus(): void {
    this.input?.focus();
  }

  private submit(raw: string): void {
    this.value = raw.trim();
    if (this.value) this.dispatchEvent(new CustomEvent('lw-scan', { detail: this.value, bubbles: true, composed: true }));
  }

  private onInput(event: Event): void {
    this.value = (event.target as HTMLInputElement).value;
    this.dispatchEvent(new CustomEvent('lw-scan-edit', { detail: this.value, bubbles: true, composed: true }));
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter') {
      event.preventDefault();
      this.submit(this.input.value);
    }
  }

  override render() {
    const r = this.reading;
    return html`
      <label for="scan">${msg('Scan the label or type the tracking number', { id: 'scan.label' })}</label>
      <input id="scan" name="scan" autocomplete="off" spellcheck="false" .value=${this.value}
        @input=${this.onInput} @keydown=${this.onKeydown} data-test="scan" />
      <div class="read" aria-live="polite">
        ${r?.status === 'ok' ? html`
          <span class="chip" data-test="carrier">${carrierName(r.carrier) ?? msg('Unknown carrier', { id: 'scan.unknownCarrier' })}</span>
          <span class="chip">${r.tracking}</span>
          ${r.service ? html`<span class="chip">${r.service}</span>` : null}` : null}
        ${r?.status === 'invalid' || r?.status === 'unknown' ? html`<span class="warn">${msg('Label not recognised — check the tracking number before depositing.', { id: 'scan.invalid' })}</span>` : null}
        ${r?.status === 'ambiguous' ? html`<span class="warn">${msg('Several numbers on this label — tap the tracking number:', { id: 'scan.ambiguous' })}</span>
          <span class="candidates">${(r.candidates ?? []).map((c) => html`<button @click=${() => this.dispatchEvent(new CustomEvent('lw-tracking', { detail: c.tracking, bubbles: true, composed: true }))}>${carrierName(c.carrier) ?? ''} ${c.tracking}</button>`)}</span>` : null}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'lw-scan-field': LwScanField }
}

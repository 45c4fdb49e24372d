import { LitElement, css, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { localized, msg } from '@lit/localize';
import type { ApiClient, HandoverProof } from '../api/client.ts';
import { apiContext } from '../api/context.ts';
import { judgeSignature } from '../components/signature-check.ts';
import type { LwSignaturePad } from '../components/lw-signature-pad.ts';
import { IdleTimerController } from '../controllers/idle-timer.ts';
import { WedgeScannerController } from '../controllers/wedge-scanner.ts';
import { explainError } from '../i18n/errors.ts';
import { navigate, type ProofRequest } from '../navigation.ts';
import { shared } from '../styles/theme.ts';
import { badgeIcon } from '../components/badge-icon.ts';
import '../components/lw-signature-pad.ts';
import '../components/lw-idle-warning.ts';

/** Registered mail is handed over against a signature or a badge; insured items against their condition. */
@localized()
@customElement('lw-proof-screen')
export class LwProofScreen extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.3fr); grid-template-rows: minmax(0, 1fr); gap: 16px; padding: 14px 18px; box-sizing: border-box; }
      .side { display: flex; flex-direction: column; gap: 10px; min-height: 0; overflow-y: auto; }
      h1 { font-size: clamp(1.3rem, 3.4vw, 2rem); }
      p { margin: 0; font-size: 1.1rem; }
      .pad { display: flex; flex-direction: column; gap: 8px; min-height: 0; }
      lw-signature-pad { flex: 1; min-height: 150px; }
      .row { display: flex; gap: 8px; flex-wrap: wrap; }
      .row button { flex: 1; min-height: 56px; }
      button[aria-pressed='true'] { background: var(--lw-primary); color: var(--lw-primary-text); border-color: var(--lw-primary); }
      .badge { background: var(--lw-surface); border-radius: var(--lw-radius); padding: 10px 12px; display: flex; align-items: center; gap: 10px; font-size: 1.1rem; }
    `,
  ];

  @consume({ context: apiContext }) private api!: ApiClient;
  @property({ attribute: false }) request!: ProofRequest;
  @state() private condition = '';
  @state() private error = '';
  @state() private busy = false;
  @query('lw-signature-pad') private pad?: LwSignaturePad;
  private readonly idle = new IdleTimerController(this, { seconds: 90, onTimeout: () => navigate(this, { name: 'home' }) });

  constructor() {
    super();
    new WedgeScannerController(this, { onScan: (badge) => this.request.proof.includes('badge') && void this.submit({ badge }) });
  }

  private get wantsSignature(): boolean {
    return this.request.proof.includes('signature');
  }

  private signAndSubmit(): void {
    const strokes = this.pad?.strokes ?? [];
    const verdict = judgeSignature(strokes);
    if (this.wantsSignature && verdict !== 'ok') {
      this.error = verdict === 'too_small'
        ? msg('The signature is too small — please sign across the box.', { id: 'sign.tooSmall' })
        : msg('Please sign with your name in the box — a dot or a tick is not a signature.', { id: 'sign.tooShort' });
      return;
    }
    void this.submit(this.wantsSignature ? { signature: { strokes } } : {});
  }

  private async submit(proof: HandoverProof): Promise<void> {
    if (this.busy) return;
    if (this.request.condition.length && !this.condition) {
      this.error = msg('First confirm the condition of the item.', { id: 'proof.conditionFirst' });
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      const pickup = await this.api.pickup(this.request.credential, { ...proof, ...(this.condition ? { condition: this.condition } : {}) });
      navigate(this, { name: 'door-open', pickup });
    } catch (error) {
      this.error = explainError(error);
    } finally {
      this.busy = false;
    }
  }

  private conditionLabel(c: string): string {
    if (c === 'intact') return msg('Intact', { id: 'proof.intact' });
    if (c === 'damaged') return msg('Damaged', { id: 'proof.damaged' });
    return c;
  }

  override render() {
    const r = this.request;
    return html`
      <section class="side">
        <h1>${this.wantsSignature ? msg('Registered mail: please sign', { id: 'proof.titleSign' }) : msg('Please confirm the handover', { id: 'proof.title' })}</h1>
        <p>${this.wantsSignature
          ? msg('Sign in the box to receive it, or tap your badge instead.', { id: 'proof.signHint' })
          : msg('Confirm the condition of the item to open the door.', { id: 'proof.conditionHint' })}</p>
        ${r.condition.length ? html`<div class="row" role="group" aria-label=${msg('Condition of the item', { id: 'proof.condition' })}>
          ${r.condition.map((c) => html`<button aria-pressed=${String(this.condition === c)} data-condition=${c} @click=${() => (this.condition = c)}>${this.conditionLabel(c)}</button>`)}</div>` : null}
        ${r.proof.includes('badge') ? html`<div class="badge">${badgeIcon(32)} <span>${msg('Or tap your badge on the reader', { id: 'home.badgeHint' })}</span></div>` : null}
        ${this.error ? html`<div class="error" role="alert" data-test="error">${this.error}</div>` : null}
        <div class="row" style="margin-top:auto">
          <button data-action="cancel" @click=${() => navigate(this, { name: 'home' })}>${msg('Cancel', { id: 'proof.cancel' })}</button>
        </div>
      </section>
      <section class="pad">
        ${this.wantsSignature ? html`<lw-signature-pad @lw-signature-change=${() => (this.error = '')}></lw-signature-pad>
          <div class="row">
            <button data-action="clear" @click=${() => this.pad?.clear()}>${msg('Clear', { id: 'proof.clear' })}</button>
            <button class="primary" data-action="confirm" ?disabled=${this.busy} @click=${this.signAndSubmit}>${msg('Confirm and open the door', { id: 'proof.confirm' })}</button>
          </div>`
          : html`<div class="row" style="margin-top:auto"><button class="primary" data-action="confirm" ?disabled=${this.busy} @click=${() => this.submit({})}>${msg('Confirm and open the door', { id: 'proof.confirm' })}</button></div>`}
      </section>
      ${this.idle.warning ? html`<lw-idle-warning .seconds=${this.idle.remaining}></lw-idle-warning>` : null}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'lw-proof-screen': LwProofScreen }
}

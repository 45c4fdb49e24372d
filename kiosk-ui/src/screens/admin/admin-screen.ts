import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { StaffSession } from '../../api/types.ts';

/** Placeholder until the admin screens land. */
@customElement('lw-admin-screen')
export class LwAdminScreen extends LitElement {
  @property({ attribute: false }) session!: StaffSession;
  override render() {
    return html`<p>Admin</p>`;
  }
}

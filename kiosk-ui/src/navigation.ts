import type { Credential } from './api/client.ts';
import type { PickupResult, StaffSession } from './api/types.ts';

/** What the controller asked for before it hands over a registered or insured item (`proof_required`). */
export interface ProofRequest {
  credential: Credential;
  /** `signature` and/or `badge`: either one will do. */
  proof: string[];
  /** choices for the insured item's condition, e.g. `intact`, `damaged`. */
  condition: string[];
}

export type Screen =
  | { name: 'home' }
  | { name: 'door-open'; pickup: PickupResult }
  | { name: 'proof'; request: ProofRequest }
  | { name: 'staff-login'; notice?: 'expired' }
  | { name: 'deposit'; session: StaffSession }
  | { name: 'admin'; session: StaffSession }
  | { name: 'send' }
  | { name: 'outgoing'; session: StaffSession };

/** Screens ask the app to move on; the app owns the current screen. */
export function navigate(from: EventTarget, screen: Screen): void {
  from.dispatchEvent(new CustomEvent<Screen>('lw-navigate', { detail: screen, bubbles: true, composed: true }));
}

/** Screens report a fresh staff session (or `null` after logout). */
export function sessionChanged(from: EventTarget, session: StaffSession | null): void {
  from.dispatchEvent(new CustomEvent('lw-session', { detail: session, bubbles: true, composed: true }));
}

import type {
  AuditDoor, AuditResult, DepositRequest, Door, Parcel, PickupResult, Recipient, ScanInterpretation, StaffSession,
} from './types.ts';

/** A refusal or failure the screens can explain: `code` is the controller's error code, or `unreachable`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** `tap` is the one-time id of a card tapped on the controller's own serial badge reader. */
export type Credential = { code: string } | { badge: string } | { tap: string };

/** What a registered or insured item needs at the handover, sent along with the code or badge. */
export interface HandoverProof {
  signature?: { strokes: [number, number, number][][] };
  badge?: string;
  condition?: string;
}
export type StaffCredential = { pin: string } | { badge: string } | { tap: string };

/**
 * The kiosk's view of the controller's HTTP API. One instance per page, shared through `apiContext`.
 * @example
 *   const api = new ApiClient();
 *   const { doors } = await api.pickup({ code: '12345678' });
 */
export class ApiClient {
  token: string | null = null;
  /** Called when a staff call is refused because the session expired. */
  onSessionExpired: (() => void) | null = null;

  constructor(private readonly baseUrl = '') {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let response: Response;
    try {
      response = await fetch(this.baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'unreachable', 'The locker controller cannot be reached');
    }
    const payload = (await response.json().catch(() => null)) as
      | (T & { error?: { code?: string; message?: string; details?: Record<string, unknown> } })
      | null;
    if (!response.ok) {
      const error = payload?.error;
      if (response.status === 401 && this.token && path !== '/api/clerk/session') this.onSessionExpired?.();
      throw new ApiError(
        response.status,
        error?.code ?? `http_${response.status}`,
        error?.message ?? response.statusText,
        error?.details ?? {},
      );
    }
    return payload as T;
  }

  doors(): Promise<{ doors: Door[] }> {
    return this.request('GET', '/api/doors');
  }

  /** Opens the doors for a code or badge; with `proof` (signature, badge, condition) for registered or insured items. */
  pickup(credential: Credential, proof: HandoverProof = {}): Promise<PickupResult> {
    const withProof = Object.keys(proof).length > 0;
    return this.request('POST', withProof ? '/api/pickup/proof' : '/api/pickup', { ...credential, ...proof });
  }

  /** Tells the mailroom that doors opened for this pickup did not open; refused with `nothing_to_report` once none is in a pickup. */
  reportDidNotOpen(doors: string[]): Promise<{ reported: string[] }> {
    return this.request('POST', '/api/pickup/report', { doors, problem: 'did_not_open' });
  }

  async login(credential: StaffCredential): Promise<StaffSession> {
    const session = await this.request<StaffSession>('POST', '/api/clerk/session', credential);
    this.token = session.token;
    return session;
  }

  async logout(): Promise<void> {
    if (!this.token) return;
    await this.request('DELETE', '/api/clerk/session').catch(() => undefined);
    this.token = null;
  }

  searchRecipients(query: string): Promise<{ recipients: Recipient[] }> {
    return this.request('GET', `/api/recipients?q=${encodeURIComponent(query)}`);
  }

  depositParcel(deposit: DepositRequest): Promise<Parcel> {
    return this.request('POST', '/api/parcels', deposit);
  }

  parcel(id: string): Promise<Parcel> {
    return this.request('GET', `/api/parcels/${encodeURIComponent(id)}`);
  }

  parcels(query: Record<string, string>): Promise<{ parcels: Parcel[] }> {
    return this.request('GET', `/api/parcels?${new URLSearchParams(query)}`);
  }

  /** Cancels a deposit; with `outOfService` the controller also takes its door out of service, giving the reason. */
  cancelParcel(id: string, outOfService?: string): Promise<Parcel> {
    return this.request('POST', `/api/parcels/${encodeURIComponent(id)}/cancel`, outOfService ? { outOfService } : {});
  }

  /** Admin: take a door out of service or back in, or clear its fault. */
  patchDoor(door: string, patch: { enabled?: boolean; clearFault?: true }): Promise<Door> {
    return this.request('PATCH', `/api/admin/doors/${encodeURIComponent(door)}`, patch);
  }

  /** Admin: the occupied doors, in wall order — the guided audit's route. */
  auditPlan(): Promise<{ doors: AuditDoor[] }> {
    return this.request('GET', '/api/admin/audit');
  }

  /** Admin: opens a door for a check (journalled like every open). */
  openDoorForAudit(door: string): Promise<{ door: string; parcelId: string | null }> {
    return this.request('POST', `/api/admin/doors/${encodeURIComponent(door)}/open`, { reason: 'audit' });
  }

  /** Admin: what was found behind an audited door; `note` is optional free text. */
  recordAudit(door: string, result: AuditResult, note?: string): Promise<{ door: string; parcelId: string | null; result: AuditResult }> {
    return this.request('POST', `/api/admin/audit/${encodeURIComponent(door)}`, note ? { result, note } : { result });
  }

  /** Reads a raw scan; `null` when this controller has no scan interpreter yet. */
  async interpretScan(raw: string): Promise<ScanInterpretation | null> {
    try {
      return await this.request<ScanInterpretation>('POST', '/api/scans', { raw });
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 405)) return null;
      throw error;
    }
  }
}

import { DomainError, type Clock } from '../domain/types.ts';
import type { DoorView } from '../services/event-bus.ts';
import type { OpenIntent } from '../services/wall.ts';
import type { SeenRequests } from './seen-requests.ts';
import type { MqttSettings } from './settings.ts';
import { parseSignedRequest, RequestRefused, verifySignedRequest } from './signed-request.ts';
import type { EventPayload, ResponsePayload, StatusData } from './topics.ts';

export interface RequestDeps {
  wallId: string;
  settings: Pick<MqttSettings, 'remoteCommands'>;
  store: { transaction<T>(work: () => T): T };
  wall: {
    door(id: string): DoorView | undefined;
    recordOpenIntent(doorId: string, reason: string, actor: string, parcelId: string | null): OpenIntent;
    executeOpen(intent: OpenIntent): Promise<void>;
  };
  seen: SeenRequests;
  clock: Clock;
  status(): StatusData;
  respond(name: string, response: ResponsePayload): void;
  announce(event: EventPayload): void;
}

const SIGNED = new Set(['identify', 'open']);
/** A real request is a few hundred bytes; anything far larger is refused before parsing. */
export const MAX_REQUEST_BYTES = 4096;

/**
 * Answers `request/<name>`. `status` is read-only; `identify` and `open` energise a lock and so are
 * refused unless remote commands are enabled and the request is live (not retained), well-formed,
 * correctly signed, within its ≤ 30 s window and never seen before. Every refusal is answered and
 * raises an alarm on `events`; nothing about a refused request reaches the lock.
 */
export class RequestHandler {
  constructor(private readonly deps: RequestDeps) {}

  async handle(name: string, payload: Buffer, retained: boolean): Promise<void> {
    // An empty payload is how a retained request is cleared from the broker: not a request.
    if (payload.length === 0) return;
    let transaction: string | undefined;
    let body: unknown;
    try {
      if (payload.length > MAX_REQUEST_BYTES) throw new Error('too large');
      body = JSON.parse(payload.toString('utf8'));
      const t = (body as { transaction?: unknown } | null)?.transaction;
      if (typeof t === 'string' && t.length <= 200) transaction = t;
    } catch {
      body = undefined;
    }
    try {
      const data = await this.dispatch(name, body, retained);
      this.deps.respond(name, { status: 'ok', data, ...(transaction !== undefined ? { transaction } : {}) });
    } catch (error) {
      const { code, message } = describe(error);
      this.deps.respond(name, { status: 'error', data: null, error: { code, message }, ...(transaction !== undefined ? { transaction } : {}) });
      if (error instanceof RequestRefused && SIGNED.has(name)) {
        const door = typeof (body as { door?: unknown } | undefined)?.door === 'string' ? (body as { door: string }).door : undefined;
        this.deps.announce({
          type: 'alarm',
          alarm: 'remote_command_refused',
          ...(door && /^[A-Za-z0-9_-]{1,16}$/.test(door) ? { door } : {}),
          message: `A remote "${name}" request was refused (${code}): ${message}`,
          at: this.deps.clock.now().toISOString(),
        });
      }
    }
  }

  private async dispatch(name: string, body: unknown, retained: boolean): Promise<unknown> {
    if (name === 'status') {
      if (retained) throw new RequestRefused('retained', 'Retained requests are not answered — publish requests without the retain flag.');
      return this.deps.status();
    }
    if (!SIGNED.has(name)) throw new DomainError('unknown_request', `There is no request "${name}"; use status, identify or open.`, 404);
    if (!this.deps.settings.remoteCommands.enabled)
      throw new RequestRefused('remote_commands_disabled', 'Remote commands are disabled on this wall (mqtt.remoteCommands.enabled).');
    if (retained)
      throw new RequestRefused('retained', 'A retained request never opens a door — publish it without the retain flag.');
    if (body === undefined) throw new RequestRefused('malformed', `The request is not valid JSON (or larger than ${MAX_REQUEST_BYTES} bytes).`);
    const request = parseSignedRequest(body);
    const now = this.deps.clock.now();
    verifySignedRequest(request, {
      key: this.deps.settings.remoteCommands.key,
      name,
      wallId: this.deps.wallId,
      nowSeconds: Math.floor(now.getTime() / 1000),
      skewSeconds: this.deps.settings.remoteCommands.maxSkewSeconds,
    });
    // The request id is remembered in the same transaction as the open intent: a copy can never
    // produce a second intent, even if it arrives while the first is still pulsing the lock.
    const { intent, occupied } = this.deps.store.transaction(() => {
      if (!this.deps.seen.remember(request.requestId, name, request.door, request.expiresAt, now.toISOString()))
        throw new RequestRefused('duplicate', `Request ${request.requestId} was already received — every request needs a new requestId.`);
      const door = this.deps.wall.door(request.door);
      if (!door) throw new DomainError('unknown_door', `There is no door ${request.door}.`, 404);
      if (name === 'identify' && door.occupied)
        throw new DomainError('door_occupied', `Door ${request.door} holds a parcel; identify only pulses empty doors.`, 409);
      const reason = name === 'identify' ? 'identify' : 'remote_open';
      return { intent: this.deps.wall.recordOpenIntent(request.door, reason, 'mqtt', null), occupied: door.occupied };
    });
    await this.deps.wall.executeOpen(intent);
    this.deps.announce({
      type: 'remote_open',
      request: name as 'open' | 'identify',
      door: request.door,
      requestId: request.requestId,
      occupied,
      at: this.deps.clock.now().toISOString(),
    });
    return { door: request.door, opened: true, occupied };
  }
}

function describe(error: unknown): { code: string; message: string } {
  if (error instanceof RequestRefused || error instanceof DomainError) return { code: error.code, message: error.message };
  return { code: 'internal', message: 'The request could not be handled; the controller log has details.' };
}

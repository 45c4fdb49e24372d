import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../controller/src/domain/types.ts';
import { RequestHandler } from '../../../controller/src/mqtt/requests.ts';
import { SeenRequests } from '../../../controller/src/mqtt/seen-requests.ts';
import { signRequest } from '../../../controller/src/mqtt/signed-request.ts';
import type { EventPayload, ResponsePayload } from '../../../controller/src/mqtt/topics.ts';
import type { DoorView } from '../../../controller/src/services/event-bus.ts';

const KEY = 'k'.repeat(40);
const NOW = new Date('2026-12-03T10:00:00Z');
const nowS = Math.floor(NOW.getTime() / 1000);
let counter = 0;

function setup(options: { enabled?: boolean; occupied?: boolean; boardOnline?: boolean } = {}) {
  const db = new Database(':memory:');
  const intents: { id: string; doorId: string; reason: string; actor: string }[] = [];
  const pulses: string[] = [];
  const responses: { name: string; response: ResponsePayload }[] = [];
  const events: EventPayload[] = [];
  const view = { id: '12', occupied: options.occupied ?? false } as DoorView;
  const board = { online: options.boardOnline ?? true };
  const handler = new RequestHandler({
    wallId: 'wall-1',
    settings: { remoteCommands: { enabled: options.enabled ?? true, key: KEY, maxSkewSeconds: 5 } },
    store: { transaction: (work) => db.transaction(work).immediate() },
    wall: {
      door: (id) => (id === '12' ? view : undefined),
      recordOpenIntent: (doorId, reason, actor) => {
        if (!board.online) throw new DomainError('board_offline', 'board A is offline', 503);
        const intent = { id: `i${intents.length + 1}`, doorId };
        intents.push({ ...intent, reason, actor });
        return intent;
      },
      executeOpen: async (intent) => void pulses.push(intent.doorId),
    },
    seen: new SeenRequests(db),
    clock: { now: () => NOW },
    status: () => ({ status: 'online', wallId: 'wall-1', doors: [], summary: {} as never, boards: {}, remoteCommands: true }),
    respond: (name, response) => void responses.push({ name, response }),
    announce: (e) => void events.push(e),
  });
  const alarms = () => events.filter((e) => e.type === 'alarm');
  return { handler, intents, pulses, responses, events, alarms, board };
}

function request(name = 'open', over: Record<string, unknown> = {}, key = KEY) {
  const r = { door: '12', requestId: `req-${(++counter).toString().padStart(8, '0')}`, issuedAt: nowS - 1, expiresAt: nowS + 19, ...over };
  return { ...r, signature: signRequest(key, name, 'wall-1', r as never), transaction: `t-${counter}` };
}
const buf = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));

describe('MQTT requests', () => {
  it('opens a door for a live, signed, fresh request and answers with the transaction', async () => {
    const t = setup();
    const r = request();
    await t.handler.handle('open', buf(r), false);
    expect(t.pulses).toEqual(['12']);
    expect(t.intents).toEqual([{ id: 'i1', doorId: '12', reason: 'remote_open', actor: 'mqtt' }]);
    expect(t.responses).toEqual([{ name: 'open', response: { status: 'ok', data: { door: '12', opened: true, occupied: false }, transaction: r.transaction } }]);
    expect(t.events).toMatchObject([{ type: 'remote_open', door: '12', requestId: r.requestId }]);
  });

  it('opens once for many copies of one request; every copy is refused with an error and an alarm', async () => {
    const t = setup();
    const r = request();
    await Promise.all(Array.from({ length: 50 }, () => t.handler.handle('open', buf(r), false)));
    expect(t.pulses).toEqual(['12']);
    const errors = t.responses.filter((x) => x.response.status === 'error');
    expect(errors).toHaveLength(49);
    expect(errors.every((x) => x.response.error?.code === 'duplicate' && x.response.transaction === r.transaction)).toBe(true);
    expect(t.alarms()).toHaveLength(49);
  });

  it.each([
    ['a retained request', () => [buf(request()), true] as const, 'retained'],
    ['an expired request', () => [buf(request('open', { issuedAt: nowS - 60, expiresAt: nowS - 40 })), false] as const, 'expired'],
    ['a request signed with another key', () => [buf(request('open', {}, 'x'.repeat(40))), false] as const, 'bad_signature'],
    ['an identify signature replayed as open', () => [buf(request('identify')), false] as const, 'bad_signature'],
    ['an unsigned request', () => [buf({ door: '12', action: 'OPEN' }), false] as const, 'malformed'],
    ['a request that is not JSON', () => [buf('OPEN'), false] as const, 'malformed'],
    ['a request valid for 60 s', () => [buf(request('open', { expiresAt: nowS + 59 })), false] as const, 'lifetime_too_long'],
  ])('refuses %s, answers with an error and raises an alarm', async (_what, make, code) => {
    const t = setup();
    const [payload, retained] = make();
    await t.handler.handle('open', payload, retained);
    expect(t.pulses).toEqual([]);
    expect(t.intents).toEqual([]);
    expect(t.responses).toHaveLength(1);
    expect(t.responses[0]!.response).toMatchObject({ status: 'error', data: null, error: { code } });
    expect(t.alarms()).toMatchObject([{ type: 'alarm', alarm: 'remote_command_refused' }]);
  });

  it('refuses every door command while remote commands are disabled (the default)', async () => {
    const t = setup({ enabled: false });
    await t.handler.handle('open', buf(request()), false);
    await t.handler.handle('identify', buf(request('identify')), false);
    expect(t.pulses).toEqual([]);
    expect(t.responses.map((r) => r.response.error?.code)).toEqual(['remote_commands_disabled', 'remote_commands_disabled']);
    expect(t.alarms()).toHaveLength(2);
  });

  it('identify pulses only an empty door; open of an occupied door is allowed and reported', async () => {
    const t = setup({ occupied: true });
    await t.handler.handle('identify', buf(request('identify')), false);
    expect(t.pulses).toEqual([]);
    expect(t.responses[0]!.response.error?.code).toBe('door_occupied');
    await t.handler.handle('open', buf(request()), false);
    expect(t.pulses).toEqual(['12']);
    expect(t.events.at(-1)).toMatchObject({ type: 'remote_open', occupied: true });
  });

  it('does not burn the request id when the door could not be opened, so the sender may retry it', async () => {
    const offline = setup({ boardOnline: false });
    const r = request();
    await offline.handler.handle('open', buf(r), false);
    expect(offline.responses[0]!.response.error?.code).toBe('board_offline');
    expect(offline.alarms()).toEqual([]);
    offline.board.online = true;
    await offline.handler.handle('open', buf(r), false);
    expect(offline.pulses).toEqual(['12']);
  });

  it('answers status without a signature and ignores empty payloads (a cleared retained message)', async () => {
    const t = setup();
    await t.handler.handle('status', buf({ transaction: 'x1' }), false);
    await t.handler.handle('open', Buffer.alloc(0), false);
    expect(t.responses).toMatchObject([{ name: 'status', response: { status: 'ok', transaction: 'x1', data: { wallId: 'wall-1' } } }]);
  });

  it('answers an unknown request name with an error', async () => {
    const t = setup();
    await t.handler.handle('reboot', buf({ transaction: 'z' }), false);
    expect(t.responses[0]!.response).toMatchObject({ status: 'error', error: { code: 'unknown_request' }, transaction: 'z' });
  });
});

describe('MQTT requests: oversized payloads', () => {
  it('refuses a request larger than 4 KiB before parsing it', async () => {
    const t = setup();
    await t.handler.handle('open', Buffer.from(JSON.stringify({ ...request(), pad: 'x'.repeat(5000) })), false);
    expect(t.pulses).toEqual([]);
    expect(t.responses[0]!.response.error?.code).toBe('malformed');
  });
});

import { readFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { LockerwallConfig } from '../../../config/schema.ts';
import { systemClock, type Clock } from '../domain/types.ts';
import type { DoorView, WallEventBus } from '../services/event-bus.ts';
import type { OpenIntent } from '../services/wall.ts';
import { MqttConnection } from './connection.ts';
import { discoveryPayload, discoveryTopic, liveComponentIds } from './discovery.ts';
import { DiscoveryMemory } from './discovery-memory.ts';
import { startEmbeddedBroker, type EmbeddedBroker } from './embedded-broker.ts';
import { Publisher } from './publisher.ts';
import { RequestHandler } from './requests.ts';
import { SeenRequests } from './seen-requests.ts';
import { readMqttSettings } from './settings.ts';
import { wallTopics, type BoardStatusPayload, type DoorPayload, type EventPayload, type StatusData } from './topics.ts';
import { doorPayload, summaryPayload } from './wall-state.ts';

/** The parts of a composed wall the MQTT adapter uses (ComposedWall satisfies it). */
export interface MqttDeps {
  config: LockerwallConfig;
  store: { db: Database.Database; transaction<T>(work: () => T): T };
  bus: WallEventBus;
  wall: {
    door(id: string): DoorView | undefined;
    recordOpenIntent(doorId: string, reason: string, actor: string, parcelId: string | null): OpenIntent;
    executeOpen(intent: OpenIntent): Promise<void>;
  };
  /** optional: board availability at start when startMqtt runs after wall.start(). */
  boards?: Map<string, { isOnline(): boolean }>;
  clock?: Clock;
}

export interface MqttLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface MqttHandle {
  /** the embedded broker's port, when one was started. */
  brokerPort?: number;
  /** true while connected to the broker. */
  connected(): boolean;
  /** publishes `offline`, disconnects and stops the embedded broker. */
  stop(): Promise<void>;
}

const VERSION = (() => {
  try {
    return String((JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? '0');
  } catch {
    return '0';
  }
})();

const PRUNE_EVERY_MS = 3_600_000;

/**
 * Publishes the wall on MQTT and answers requests. Call it before or after `wall.start()`; it never
 * blocks on the broker (the kiosk works without one) and never throws for a broker problem: an
 * unusable embedded broker or setting is logged and MQTT stays off.
 *
 * @example
 *   const mqtt = await startMqtt(wall, log);
 *   // … on shutdown, before wall.stop():
 *   await mqtt.stop();
 */
export async function startMqtt(deps: MqttDeps, log: MqttLog): Promise<MqttHandle> {
  const { config } = deps;
  const clock = deps.clock ?? systemClock;
  let settings;
  try {
    settings = readMqttSettings(config);
  } catch (error) {
    log.error({}, `MQTT is off: ${(error as Error).message}`);
    return { connected: () => false, stop: async () => {} };
  }
  const topics = wallTopics(settings.topicPrefix, config.wallId);
  const memory = new DiscoveryMemory(deps.store.db);
  const seen = new SeenRequests(deps.store.db);
  const doorIds = config.doors.map((d) => d.id);
  const boardOf = new Map(config.doors.map((d) => [d.id, d.board]));
  const doors = new Map<string, DoorPayload>();
  const boards = new Map<string, BoardStatusPayload>();
  for (const [id, board] of deps.boards ?? []) boards.set(id, { state: board.isOnline() ? 'online' : 'offline' });

  let connection: MqttConnection | undefined;
  const publisher = new Publisher({
    publish: (topic, payload, options) => connection?.publish(topic, payload, options) ?? false,
    get connected() {
      return connection?.connected ?? false;
    },
  });
  const now = () => clock.now().toISOString();
  const announce = (event: EventPayload) => publisher.event(topics.events, event);

  const publishSummary = () => publisher.setRetained(topics.summary, summaryPayload(doorIds.flatMap((id) => doors.get(id) ?? [])));
  const refreshDoor = (view: DoorView | undefined) => {
    if (!view || !boardOf.has(view.id)) return;
    const next = doorPayload(view);
    const before = doors.get(view.id);
    doors.set(view.id, next);
    publisher.setRetained(topics.door(view.id), next);
    if (before && before.open !== next.open) announce({ type: next.open ? 'door_opened' : 'door_closed', door: next.door, at: now() });
  };
  const refreshAll = () => {
    for (const id of doorIds) refreshDoor(deps.wall.door(id));
    publishSummary();
  };

  // Subscribed before any await, so board and door events of a wall starting alongside are not missed.
  const unsubscribes = [
    deps.bus.on('door', (view) => {
      refreshDoor(view);
      publishSummary();
    }),
    deps.bus.on('parcel', (p) => {
      // occupancy changes with the parcel, not with a door sensor
      if (p.door) refreshDoor(deps.wall.door(p.door));
      publishSummary();
      const type = p.event.startsWith('pickup') ? 'pickup' : 'deposit';
      announce({ type, event: p.event, parcel: p.id, door: p.door, status: p.status, at: now() });
    }),
    deps.bus.on('alarm', (a) =>
      announce({ type: 'alarm', alarm: a.type, ...(a.door ? { door: a.door } : {}), ...(a.board ? { board: a.board } : {}), message: a.message, at: a.at }),
    ),
    deps.bus.on('board', (b) => {
      const payload: BoardStatusPayload = { state: b.state, ...(b.reason ? { reason: b.reason } : {}) };
      const before = boards.get(b.board);
      boards.set(b.board, payload);
      publisher.setRetained(topics.boardStatus(b.board), payload);
      if (before?.state !== b.state)
        announce({ type: b.state === 'online' ? 'board_online' : 'board_offline', board: b.board, ...(b.reason ? { reason: b.reason } : {}), at: now() });
    }),
  ];

  const status = (): StatusData => ({
    status: 'online',
    wallId: config.wallId,
    doors: doorIds.flatMap((id) => doors.get(id) ?? []),
    summary: summaryPayload(doorIds.flatMap((id) => doors.get(id) ?? [])),
    boards: Object.fromEntries(boards),
    remoteCommands: settings.remoteCommands.enabled,
  });
  const requests = new RequestHandler({
    wallId: config.wallId,
    settings,
    store: deps.store,
    wall: deps.wall,
    seen,
    clock,
    status,
    respond: (name, response) => publisher.event(topics.response(name), response, 1),
    announce,
  });

  const withdrawRemovedDoors = () => {
    const gone = memory.get(config.wallId, 'doors').filter((id) => !boardOf.has(id));
    for (const id of gone) publisher.clearRetained(topics.door(id));
    memory.set(config.wallId, 'doors', doorIds);
  };
  const publishDiscovery = () => {
    const topic = discoveryTopic(settings.discoveryPrefix, config.wallId);
    const previous = memory.get(config.wallId, 'components');
    if (!settings.discovery) {
      if (previous.length) publisher.clearRetained(topic);
      memory.set(config.wallId, 'components', []);
      return;
    }
    const input = {
      wallId: config.wallId,
      wallName: config.wallName,
      version: VERSION,
      discoveryPrefix: settings.discoveryPrefix,
      topics,
      doors: config.doors.map((d) => ({ id: d.id, board: d.board })),
      lockEntities: settings.remoteCommands.enabled,
    };
    const withRemovals = discoveryPayload({ ...input, previousComponents: previous });
    const current = discoveryPayload({ ...input, previousComponents: [] });
    // HA removes a component announced with only its platform, then wants the clean payload.
    if (Object.keys(withRemovals.components).length !== Object.keys(current.components).length) publisher.publishOnce(topic, withRemovals);
    publisher.setRetained(topic, current);
    memory.set(config.wallId, 'components', liveComponentIds(current));
  };

  let broker: EmbeddedBroker | undefined;
  let url = settings.url;
  if (!url) {
    try {
      broker = await startEmbeddedBroker({
        host: settings.host,
        port: settings.port,
        username: settings.username,
        password: settings.password,
        controllerClientId: settings.clientId,
        base: topics.base,
      });
      const host = settings.host === '0.0.0.0' || settings.host === '::' ? '127.0.0.1' : settings.host;
      url = `mqtt://${host.includes(':') ? `[${host}]` : host}:${broker.port}`;
      log.info({ host: settings.host, port: broker.port }, 'embedded MQTT broker listening');
    } catch (error) {
      log.error({}, `MQTT is off: ${(error as Error).message}`);
      for (const u of unsubscribes) u();
      return { connected: () => false, stop: async () => {} };
    }
  }

  // Insertion order is republish order: `status` first so consumers see the wall online before its state.
  publisher.setRetained(topics.status, { state: 'online' });
  for (const [id, payload] of boards) publisher.setRetained(topics.boardStatus(id), payload);
  refreshAll();

  const haStatusTopic = `${settings.discoveryPrefix}/status`;
  connection = new MqttConnection(
    settings,
    { url, will: { topic: topics.status, payload: JSON.stringify({ state: 'offline' }) }, subscriptions: [topics.requestWildcard, ...(settings.discovery ? [haStatusTopic] : [])] },
    {
      connected: () => {
        publisher.republishOne(topics.status);
        // State may have changed while the broker was away; recompute, then send everything.
        refreshAll();
        // Withdrawals are sent while connected, so the memory is only updated once they went out.
        withdrawRemovedDoors();
        publishDiscovery();
        const count = publisher.republishAll();
        log.info({ topics: count }, 'MQTT state published');
      },
      message: (topic, payload, packet) => {
        // Home Assistant's birth message: it (re)started and wants discovery and state again.
        if (topic === haStatusTopic) {
          if (payload.toString('utf8') === 'online') publisher.republishAll();
          return;
        }
        const name = topic.slice(topics.request('').length);
        if (!topic.startsWith(topics.request('')) || name.includes('/')) return;
        if (packet.retain && payload.length > 0)
          // Clear it at the broker so it is not replayed to us on every reconnect.
          publisher.clearRetained(topic);
        requests.handle(name, payload, packet.retain).catch((error: Error) => log.error({ error: error.message }, 'MQTT request failed'));
      },
    },
    log,
  );
  try {
    connection.start();
  } catch (error) {
    log.error({}, `MQTT is off: ${(error as Error).message}`);
    connection = undefined;
  }

  seen.forgetExpired(Math.floor(clock.now().getTime() / 1000) - 3600);
  const pruneTimer = setInterval(() => seen.forgetExpired(Math.floor(clock.now().getTime() / 1000) - 3600), PRUNE_EVERY_MS);
  pruneTimer.unref();

  return {
    brokerPort: broker?.port,
    connected: () => connection?.connected ?? false,
    async stop() {
      clearInterval(pruneTimer);
      for (const u of unsubscribes) u();
      await connection?.stop([{ topic: topics.status, payload: JSON.stringify({ state: 'offline' }) }]);
      await broker?.close();
    },
  };
}

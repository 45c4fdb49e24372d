import { readFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { LockerwallConfig } from '../../../config/schema.ts';
import { systemClock, type Clock } from '../domain/types.ts';
import type { DoorView, WallEventBus } from '../services/event-bus.ts';
import type { OpenIntent } from '../services/wall.ts';
import { MqttConnection } from './connection.ts';
import { DiscoveryMemory } from './discovery-memory.ts';
import { startEmbeddedBroker, type EmbeddedBroker } from './embedded-broker.ts';
import { Publisher } from './publisher.ts';
import { RequestHandler } from './requests.ts';
import { SeenRequests } from './seen-requests.ts';
import { readMqttSettings } from './settings.ts';
import { wallTopics } from './topics.ts';
import { WallMirror } from './wall-mirror.ts';

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
  const seen = new SeenRequests(deps.store.db);
  let connection: MqttConnection | undefined;
  const publisher = new Publisher({
    publish: (topic, payload, options) => connection?.publish(topic, payload, options) ?? false,
    get connected() {
      return connection?.connected ?? false;
    },
  });
  // Built before any await, so bus events of a wall starting alongside are not missed.
  const mirror = new WallMirror({
    config,
    settings,
    topics,
    bus: deps.bus,
    wall: deps.wall,
    boards: deps.boards,
    publisher,
    memory: new DiscoveryMemory(deps.store.db),
    clock,
    version: VERSION,
  });
  const requests = new RequestHandler({
    wallId: config.wallId,
    settings,
    store: deps.store,
    wall: deps.wall,
    seen,
    clock,
    status: () => mirror.status(),
    respond: (name, response) => publisher.event(topics.response(name), response, 1),
    announce: (event) => mirror.announce(event),
  });

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
      mirror.stop();
      return { connected: () => false, stop: async () => {} };
    }
  }

  const haStatusTopic = `${settings.discoveryPrefix}/status`;
  connection = new MqttConnection(
    settings,
    {
      url,
      protocolVersion: broker ? 4 : 5,
      will: { topic: topics.status, payload: JSON.stringify({ state: 'offline' }) },
      subscriptions: [topics.requestWildcard, ...(settings.discovery ? [haStatusTopic] : [])],
    },
    {
      connected: () => {
        publisher.republishOne(topics.status);
        // State may have changed while the broker was away; recompute, then send everything.
        mirror.refreshAll();
        // Withdrawals are sent while connected, so the memory is only updated once they went out.
        mirror.withdrawRemovedDoors();
        mirror.publishDiscovery();
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
      mirror.stop();
      await connection?.stop([{ topic: topics.status, payload: JSON.stringify({ state: 'offline' }) }]);
      await broker?.close();
    },
  };
}

import { readFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import mqtt, { type IClientOptions, type IPublishPacket, type MqttClient } from 'mqtt';
import type { MqttSettings } from './settings.ts';

export const RECONNECT_MIN_MS = 1_000;
export const RECONNECT_MAX_MS = 60_000;

/**
 * Exponential backoff with "equal jitter": attempt 0 waits 0.5–1 s, doubling up to 30–60 s, so a
 * broker restart is not hit by every wall at the same instant.
 */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** While the broker is not even listening, a plain TCP probe this often notices it is back. */
export const PROBE_EVERY_MS = 2_000;

/** Failures where no broker answered: probing costs it nothing, so its return is noticed quickly. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

export interface ConnectionEvents {
  connected(): void;
  message(topic: string, payload: Buffer, packet: IPublishPacket): void;
}

export interface ConnectionLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface ConnectionTarget {
  url: string;
  /**
   * 5 lets the broker tell us whether a live message was published retained ("retain as
   * published"), so a retained command is recognised even while we are connected. A broker that
   * only speaks 3.1.1 refuses it; we then fall back to 4. The embedded aedes speaks 4 only.
   */
  protocolVersion: 4 | 5;
  will: { topic: string; payload: string };
  subscriptions: string[];
}

/**
 * One mqtt.js client that connects in the background and reconnects with our own backoff (mqtt.js
 * only knows a fixed period). Nothing is queued while offline: `publish` says false and the caller
 * drops events and republishes retained state on the next `connected`.
 *
 * Backoff protects a broker that answers but refuses (auth, TLS, overload). When nothing listens at
 * all (broker restarting), a cheap TCP probe every ~2 s brings the next attempt forward, so state is
 * current within seconds of the broker's return instead of up to a minute later.
 */
export class MqttConnection {
  private client: MqttClient | undefined;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopping = false;
  private lastError = '';
  private unreachable = true;
  private wasConnected = false;
  private protocolVersion: 4 | 5;
  private probeTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly settings: MqttSettings,
    private readonly target: ConnectionTarget,
    private readonly events: ConnectionEvents,
    private readonly log: ConnectionLog,
    private readonly random: () => number = Math.random,
  ) {
    this.protocolVersion = target.protocolVersion;
  }

  /** The MQTT version in use (5, or 4 after falling back). */
  get protocol(): 4 | 5 {
    return this.protocolVersion;
  }

  get connected(): boolean {
    return this.client?.connected === true;
  }

  start(): void {
    const client = mqtt.connect(this.target.url, this.clientOptions());
    this.client = client;
    client.on('connect', () => {
      this.attempt = 0;
      this.lastError = '';
      this.unreachable = false;
      this.wasConnected = true;
      clearTimeout(this.probeTimer);
      this.log.info({ url: redactUrl(this.target.url), clientId: this.settings.clientId }, 'MQTT connected');
      client.subscribe(this.target.subscriptions, { qos: 1, ...(this.protocolVersion === 5 ? { rap: true } : {}) }, (error) => {
        if (error) this.log.warn({ error: error.message }, 'MQTT subscribe failed; remote requests are not received');
      });
      this.events.connected();
    });
    client.on('message', (topic, payload, packet) => this.events.message(topic, payload, packet));
    client.on('error', (error: Error & { code?: unknown }) => {
      this.unreachable = typeof error.code === 'string' && UNREACHABLE.has(error.code);
      // 1: "unacceptable protocol version" (3.1.1 CONNACK), 132: "unsupported protocol version" (5)
      if (this.protocolVersion === 5 && (error.code === 1 || error.code === 132)) {
        this.protocolVersion = 4;
        client.options.protocolVersion = 4;
        this.attempt = 0;
        this.log.info({ url: redactUrl(this.target.url) }, 'MQTT broker speaks 3.1.1 only; using it (retained requests are then recognised only when delivered on subscribe)');
        return;
      }
      // Logged once per distinct cause, not at every retry.
      if (error.message !== this.lastError) this.log.warn({ error: error.message, url: redactUrl(this.target.url) }, 'MQTT connection problem; retrying in the background');
      this.lastError = error.message;
    });
    client.on('close', () => {
      // A connection that was up and dropped: most likely the broker went away.
      if (this.wasConnected) this.unreachable = true;
      this.wasConnected = false;
      this.scheduleReconnect();
    });
  }

  /** QoS 1 for state, 0 for events. Returns false (and drops the message) when not connected. */
  publish(topic: string, payload: string, options: { retain: boolean; qos: 0 | 1 }): boolean {
    const client = this.client;
    if (!client?.connected) return false;
    client.publish(topic, payload, options, () => undefined);
    return true;
  }

  /** Publishes `finalMessages` (e.g. status offline) and disconnects cleanly, within `timeoutMs`. */
  async stop(finalMessages: { topic: string; payload: string }[] = [], timeoutMs = 2_000): Promise<void> {
    this.stopping = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.probeTimer);
    const client = this.client;
    if (!client) return;
    const publishing: Promise<unknown> = client.connected
      ? Promise.all(
          finalMessages.map(
            (m) => new Promise<void>((resolve) => client.publish(m.topic, m.payload, { qos: 1, retain: true }, () => resolve())),
          ),
        )
      : Promise.resolve();
    await withTimeout(publishing, timeoutMs);
    await withTimeout(new Promise<void>((resolve) => client.end(false, {}, () => resolve())), timeoutMs).catch(() => undefined);
    client.end(true);
  }

  private scheduleReconnect(): void {
    if (this.stopping || this.retryTimer) return;
    const delay = reconnectDelayMs(this.attempt++, this.random);
    this.retryTimer = setTimeout(() => this.reconnectNow(), delay);
    this.retryTimer.unref();
    this.scheduleProbe();
  }

  private reconnectNow(): void {
    clearTimeout(this.retryTimer);
    clearTimeout(this.probeTimer);
    this.retryTimer = undefined;
    if (!this.stopping && !this.client?.connected) this.client?.reconnect();
  }

  private scheduleProbe(): void {
    clearTimeout(this.probeTimer);
    if (this.stopping || !this.unreachable) return;
    const address = brokerAddress(this.target.url);
    if (!address) return;
    this.probeTimer = setTimeout(() => {
      if (this.stopping || !this.retryTimer || !this.unreachable) return;
      const socket = tcpConnect(address);
      socket.setTimeout(PROBE_EVERY_MS);
      const done = (listening: boolean) => {
        socket.destroy();
        if (listening) this.reconnectNow();
        else this.scheduleProbe();
      };
      socket.once('connect', () => done(true));
      socket.once('error', () => done(false));
      socket.once('timeout', () => done(false));
    }, Math.round(PROBE_EVERY_MS * (0.75 + this.random() / 2)));
    this.probeTimer.unref();
  }

  private clientOptions(): IClientOptions {
    const { tls } = this.settings;
    return {
      clientId: this.settings.clientId,
      username: this.settings.username,
      password: this.settings.password,
      protocolVersion: this.protocolVersion,
      clean: true,
      keepalive: 30,
      connectTimeout: 10_000,
      reconnectPeriod: 0,
      resubscribe: false,
      queueQoSZero: false,
      will: { topic: this.target.will.topic, payload: Buffer.from(this.target.will.payload), qos: 1, retain: true },
      ...(tls.ca ? { ca: readPem(tls.ca, 'mqtt.tls.ca') } : {}),
      ...(tls.cert ? { cert: readPem(tls.cert, 'mqtt.tls.cert') } : {}),
      ...(tls.key ? { key: readPem(tls.key, 'mqtt.tls.key') } : {}),
      rejectUnauthorized: tls.rejectUnauthorized,
    };
  }
}

function readPem(path: string, setting: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new Error(`${setting}: cannot read ${path} (${(error as Error).message}) — give the path of a PEM file.`);
  }
}

function brokerAddress(url: string): { host: string; port: number } | undefined {
  try {
    const u = new URL(url);
    const defaults: Record<string, number> = { 'mqtt:': 1883, 'tcp:': 1883, 'mqtts:': 8883, 'ssl:': 8883, 'tls:': 8883, 'ws:': 80, 'wss:': 443 };
    const port = u.port ? Number(u.port) : defaults[u.protocol];
    return port ? { host: u.hostname.replace(/^\[|\]$/g, ''), port } : undefined;
  } catch {
    return undefined;
  }
}

/** Never log a password embedded in the broker URL. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      () => {
        clearTimeout(timer);
        resolve(undefined);
      },
    );
  });
}

import type { LockerwallConfig } from '../../../config/schema.ts';

/** The MQTT settings this adapter uses, read defensively while the schema still passes extras through. */
export interface MqttSettings {
  url: string;
  host: string;
  port: number;
  topicPrefix: string;
  username?: string;
  password?: string;
  discovery: boolean;
  discoveryPrefix: string;
  clientId: string;
  tls: { ca?: string; cert?: string; key?: string; rejectUnauthorized: boolean };
  remoteCommands: { enabled: boolean; key: string; maxSkewSeconds: number };
}

/** A shorter key would make the HMAC the weak point; 32 characters is what `openssl rand -hex 16` prints. */
export const MIN_REMOTE_KEY_LENGTH = 32;

type Loose = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const obj = (v: unknown): Loose => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Loose) : {});

export function readMqttSettings(config: Pick<LockerwallConfig, 'wallId' | 'mqtt'>): MqttSettings {
  const m = config.mqtt as unknown as Loose;
  const tls = obj(m.tls);
  const remote = obj(m.remoteCommands);
  const key = str(remote.key) ?? '';
  const wantsRemote = remote.enabled === true;
  if (wantsRemote && key.length < MIN_REMOTE_KEY_LENGTH)
    throw new Error(
      `mqtt.remoteCommands.enabled is true but mqtt.remoteCommands.key has fewer than ${MIN_REMOTE_KEY_LENGTH} characters — set a long random key (e.g. \`openssl rand -hex 32\`).`,
    );
  return {
    url: str(m.url) ?? '',
    host: str(m.host) ?? '127.0.0.1',
    port: num(m.port, 1883),
    topicPrefix: str(m.topicPrefix) ?? 'lockerwall',
    username: str(m.username),
    password: str(m.password),
    discovery: m.discovery !== false,
    discoveryPrefix: str(m.discoveryPrefix) ?? 'homeassistant',
    clientId: str(m.clientId) ?? `lockerwall-${config.wallId}`,
    tls: { ca: str(tls.ca), cert: str(tls.cert), key: str(tls.key), rejectUnauthorized: tls.rejectUnauthorized !== false },
    remoteCommands: { enabled: wantsRemote, key, maxSkewSeconds: Math.max(0, num(remote.maxSkewSeconds, 5)) },
  };
}

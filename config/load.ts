import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configSchema, type LockerwallConfig } from './schema.ts';

export const CONFIG_DIR = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_CONFIG_PATH = join(CONFIG_DIR, 'default.json');

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Json = Record<string, unknown>;

function isPlainObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; arrays and scalars in `override` replace the base value. */
export function mergeConfig(base: Json, override: Json): Json {
  const merged: Json = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? mergeConfig(current, value) : value;
  }
  return merged;
}

function readJsonFile(path: string): Json {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config file ${path}: ${(error as Error).message}`);
  }
  try {
    const parsed: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    if (!isPlainObject(parsed)) throw new Error('the top level must be an object');
    return parsed;
  } catch (error) {
    throw new ConfigError(`config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

function integerFromEnv(name: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new ConfigError(`${name}="${value}" must be a whole number`);
  return Number(value);
}

/** The environment overrides named in DESIGN.md, as a partial config. */
export function environmentOverrides(env: NodeJS.ProcessEnv): Json {
  const overrides: Json = {};
  const http: Json = {};
  const mqtt: Json = {};
  if (env.LOCKERWALL_HTTP_PORT) http.port = integerFromEnv('LOCKERWALL_HTTP_PORT', env.LOCKERWALL_HTTP_PORT);
  if (env.LOCKERWALL_DATA_DIR) overrides.dataDir = env.LOCKERWALL_DATA_DIR;
  if (env.LOCKERWALL_MQTT_URL !== undefined) mqtt.url = env.LOCKERWALL_MQTT_URL;
  if (env.LOCKERWALL_MQTT_PORT) mqtt.port = integerFromEnv('LOCKERWALL_MQTT_PORT', env.LOCKERWALL_MQTT_PORT);
  // keeps the remote-command key out of config files
  if (env.LOCKERWALL_MQTT_REMOTE_KEY) mqtt.remoteCommands = { key: env.LOCKERWALL_MQTT_REMOTE_KEY };
  if (env.LOCKERWALL_HARDWARE) overrides.hardware = { driver: env.LOCKERWALL_HARDWARE };
  if (Object.keys(http).length) overrides.http = http;
  if (Object.keys(mqtt).length) overrides.mqtt = mqtt;
  return overrides;
}

/** Validates a raw config object; the error names every offending setting by its path. */
export function parseConfig(raw: unknown, source = 'config'): LockerwallConfig {
  const result = configSchema.safeParse(raw);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    return `  ${path || '(top level)'}: ${issue.message}`;
  });
  throw new ConfigError(`invalid ${source}:\n${lines.join('\n')}`);
}

/** default.json, then the file named by LOCKERWALL_CONFIG, then environment overrides. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): LockerwallConfig {
  let raw = readJsonFile(DEFAULT_CONFIG_PATH);
  let source = DEFAULT_CONFIG_PATH;
  if (env.LOCKERWALL_CONFIG) {
    const path = resolve(env.LOCKERWALL_CONFIG);
    raw = mergeConfig(raw, readJsonFile(path));
    source = path;
  }
  raw = mergeConfig(raw, environmentOverrides(env));
  return parseConfig(raw, `configuration (${source} with environment overrides)`);
}

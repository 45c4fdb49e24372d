import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG_PATH, mergeConfig, parseConfig } from '../../../../config/load.ts';
import type { LockerwallConfig } from '../../../../config/schema.ts';
import { composeWall, type ComposedWall } from '../../../../controller/src/composition.ts';
import { createHttpApp } from '../../../../controller/src/http/app.ts';
import type { Logger } from '../../../../controller/src/logger.ts';
import { startMqtt, type MqttHandle } from '../../../../controller/src/mqtt/start-mqtt.ts';

export const TEST_KEY = 'test-key-0123456789abcdef0123456789abcdef';

export interface LogLine {
  level: string;
  msg: string;
  obj: object;
}

/** A quiet logger that keeps what was logged (pino's call shape: obj, msg). */
export function recordingLogger(lines: LogLine[] = []) {
  const at = (level: string) => (obj: object, msg?: string) => void lines.push({ level, msg: msg ?? '', obj });
  const log = { info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug'), trace: at('trace'), fatal: at('fatal'), child: () => log };
  return { log: log as unknown as Logger & typeof log, lines };
}

export async function testConfig(dataDir: string, overrides: Record<string, unknown> = {}): Promise<LockerwallConfig> {
  const base = JSON.parse(await readFile(DEFAULT_CONFIG_PATH, 'utf8')) as Record<string, unknown>;
  return parseConfig(mergeConfig(mergeConfig(base, { dataDir, demo: true }), overrides));
}

export interface InProcessWall {
  wall: ComposedWall;
  mqtt: MqttHandle;
  app: ReturnType<typeof createHttpApp>;
  dataDir: string;
  lines: LogLine[];
  /** Date.now() just before startMqtt was called. */
  mqttStartedAt: number;
  stop(): Promise<void>;
}

/** The real services of one wall plus MQTT, in this process (sim boards), wired as main.ts does. */
export async function startInProcessWall(mqttOverrides: Record<string, unknown>, options: { dataDir?: string; config?: Record<string, unknown> } = {}): Promise<InProcessWall> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'lockerwall-mqtt-')));
  const { log, lines } = recordingLogger();
  const config = await testConfig(dataDir, { ...options.config, mqtt: mqttOverrides });
  const wall = await composeWall(config, log);
  // The order of main.ts: services start, then MQTT observes them.
  await wall.start();
  const mqttStartedAt = Date.now();
  const mqtt = await startMqtt(wall, log);
  const app = createHttpApp({ ...wall, log: () => undefined });
  let stopped = false;
  return {
    wall,
    mqtt,
    app,
    dataDir,
    lines,
    mqttStartedAt,
    async stop() {
      if (stopped) return;
      stopped = true;
      await mqtt.stop();
      await wall.stop();
    },
  };
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

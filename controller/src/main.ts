import { serve } from '@hono/node-server';
import { join, resolve } from 'node:path';
import { ConfigError, loadConfig } from '../../config/load.ts';
import { composeWall, REPO_ROOT } from './composition.ts';
import { createHttpApp } from './http/app.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { createLogger } from './logger.ts';
import { startMqtt } from './mqtt/start-mqtt.ts';
import { startOps } from './ops/start-ops.ts';

/** Composition root: config → store → hardware → services → HTTP (and MQTT, notifications). */
async function main() {
  const log = createLogger();
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Lockerwall cannot start: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  let releaseDataDir: () => void;
  try {
    releaseDataDir = lockDataDir(resolve(config.dataDir));
  } catch (error) {
    console.error(`Lockerwall cannot start: ${(error as Error).message}`);
    process.exit(2);
  }
  const wall = await composeWall(config, log);
  await wall.start();
  const mqtt = await startMqtt(wall, log);
  const ops = await startOps(wall, log);
  const app = ops.withMetrics(createHttpApp({
    ...wall,
    uiDir: join(REPO_ROOT, 'kiosk-ui/dist'),
    log: (msg, extra) => log.error(extra, msg),
  }));
  const server = serve({ fetch: app.fetch, port: config.http.port, hostname: config.http.host }, (info) => {
    log.info({ port: info.port, host: config.http.host, wallId: config.wallId, demo: config.demo }, 'listening');
    // A machine-readable line for scripts and tests that start the controller on port 0.
    process.stdout.write(`LOCKERWALL_LISTENING http://${config.http.host}:${info.port}\n`);
    void ops.watchdog.ready(`serving on ${config.http.host}:${info.port}`);
  });

  server.on('error', (error: NodeJS.ErrnoException) => {
    const why = error.code === 'EADDRINUSE' ? 'is in use by another program' : `failed (${error.code ?? error.message})`;
    console.error(`Lockerwall cannot start: listening on ${config.http.host}:${config.http.port} ${why} — set http.port (LOCKERWALL_HTTP_PORT).`);
    void wall.stop().finally(() => process.exit(2));
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    server.close();
    await ops.stop();
    await mqtt.stop();
    await wall.stop();
    releaseDataDir();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error) => {
  console.error(`Lockerwall stopped: ${(error as Error).message}`);
  process.exit(1);
});

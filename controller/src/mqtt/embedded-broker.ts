import { createServer, type Server } from 'node:net';
import { Aedes } from 'aedes';

export interface EmbeddedBrokerOptions {
  host: string;
  port: number;
  /** when set, clients must log in with these credentials. */
  username?: string;
  password?: string;
  /** only this client may publish outside `<base>/request/…` under `<base>/` (state cannot be spoofed). */
  controllerClientId: string;
  base: string;
}

export interface EmbeddedBroker {
  /** the port actually bound (useful with port 0). */
  port: number;
  close(): Promise<void>;
}

/** The default broker (aedes, in-process) for a wall without `mqtt.url`: fine for one wall and Home Assistant on the LAN. */
export async function startEmbeddedBroker(options: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const broker = await Aedes.createBroker({
    authenticate: (_client, username, password, done) => {
      if (options.username === undefined) return done(null, true);
      const ok = username === options.username && (password?.toString('utf8') ?? '') === (options.password ?? '');
      if (ok) return done(null, true);
      const error = Object.assign(new Error('bad user name or password'), { returnCode: 4 as const });
      done(error, null);
    },
    authorizePublish: (client, packet, callback) => {
      const own = client?.id === options.controllerClientId;
      const underWall = packet.topic === options.base || packet.topic.startsWith(`${options.base}/`);
      const isRequest = packet.topic.startsWith(`${options.base}/request/`);
      if (underWall && !own && !isRequest) return callback(new Error(`only the controller publishes on ${packet.topic}`));
      // aedes speaks MQTT 3.1.1, where a live message does not say it was retained: refuse retained
      // requests at the door instead (an empty payload, clearing one, is fine).
      if (isRequest && packet.retain && packet.payload.length > 0) return callback(new Error('requests must not be retained'));
      callback(null);
    },
  });
  const server: Server = createServer(broker.handle as (socket: import('node:net').Socket) => void);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((error: NodeJS.ErrnoException) => {
    broker.close();
    throw new Error(
      error.code === 'EADDRINUSE'
        ? `The embedded MQTT broker cannot listen on ${options.host}:${options.port}: the port is in use — set mqtt.port (LOCKERWALL_MQTT_PORT) or point mqtt.url at the broker already running there.`
        : `The embedded MQTT broker cannot listen on ${options.host}:${options.port}: ${error.message}`,
    );
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    close: async () => {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

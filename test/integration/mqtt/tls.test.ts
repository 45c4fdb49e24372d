import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMosquitto, type Mosquitto } from '../../support/mosquitto.ts';
import { waitUntil } from './support/mailroom.ts';
import { observe } from './support/mqtt-observer.ts';
import { removeDir, startInProcessWall, type InProcessWall } from './support/in-process-wall.ts';

const run = promisify(execFile);
const BASE = 'lockerwall/wall-1';

/** A throw-away CA and a server certificate for 127.0.0.1, made with the openssl command. */
async function makeCertificates(dir: string) {
  const p = (name: string) => join(dir, name);
  await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=Lockerwall test CA', '-keyout', p('ca.key'), '-out', p('ca.crt')]);
  await run('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', p('server.key'), '-out', p('server.csr')]);
  await writeFile(p('san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  await run('openssl', ['x509', '-req', '-in', p('server.csr'), '-CA', p('ca.crt'), '-CAkey', p('ca.key'), '-CAcreateserial', '-days', '2', '-extfile', p('san.ext'), '-out', p('server.crt')]);
  // mosquitto started as root drops to its own user before reading these: let it (test keys only).
  await chmod(dir, 0o755);
  for (const f of ['ca.crt', 'server.crt', 'server.key']) await chmod(p(f), 0o644);
  return { ca: p('ca.crt'), cert: p('server.crt'), key: p('server.key') };
}

describe('MQTT over TLS (mosquitto with a private CA)', () => {
  let dir: string;
  let certs: Awaited<ReturnType<typeof makeCertificates>>;
  let broker: Mosquitto;
  const walls: InProcessWall[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lockerwall-tls-'));
    certs = await makeCertificates(dir);
    broker = await startMosquitto({ tls: { certFile: certs.cert, keyFile: certs.key } });
  });
  afterAll(async () => {
    for (const w of walls) {
      await w.stop();
      await removeDir(w.dataDir);
    }
    await broker?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('connects with the CA from mqtt.tls.ca and publishes the state', async () => {
    const w = await startInProcessWall({ url: broker.url, tls: { ca: certs.ca } });
    walls.push(w);
    const o = await observe(broker.url, [`${BASE}/#`], { ca: await readFile(certs.ca) });
    try {
      await waitUntil('state over TLS', () => o.latestJson(`${BASE}/summary`)?.total === 24 && o.latestJson(`${BASE}/status`)?.state === 'online', 15_000);
      expect(w.mqtt.connected()).toBe(true);
    } finally {
      await o.close();
    }
  });

  it('refuses a broker whose certificate it cannot verify, and says so in the log', async () => {
    const w = await startInProcessWall({ url: broker.url });
    walls.push(w);
    const warning = await waitUntil('a TLS warning', () => w.lines.find((l) => l.level === 'warn' && /certificate/i.test(JSON.stringify(l.obj))), 15_000);
    expect(warning.msg).toMatch(/MQTT connection problem/);
    expect(w.mqtt.connected()).toBe(false);
  });

  it('names the setting when the CA file does not exist', async () => {
    const w = await startInProcessWall({ url: broker.url, tls: { ca: join(dir, 'missing.pem') } });
    walls.push(w);
    expect(w.lines.find((l) => l.level === 'error')?.msg).toMatch(/mqtt\.tls\.ca: cannot read .*missing\.pem/);
    expect(w.mqtt.connected()).toBe(false);
  });
});

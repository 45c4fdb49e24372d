import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startController, waitFor, type RunningController } from '../../support/controller-process.ts';
import { clerkToken } from '../../support/flows.ts';
import { closeDoor, parcelStatus } from './support.ts';

interface Mail {
  to: string[];
  raw: string;
}

const mails: Mail[] = [];
let smtp: SMTPServer;
let smtpPort: number;
let failing: Server;
let failingPort: number;
let failingHits = 0;
let wall: RunningController;
let token: string;

/** Headers as they are; a quoted-printable or base64 body decoded to UTF-8 text. */
function decodeMail(raw: string): { headers: string; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split);
  let body = raw.slice(split + 4);
  if (/Content-Transfer-Encoding:\s*quoted-printable/i.test(headers)) {
    const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => `%${h}`);
    body = decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
  } else if (/Content-Transfer-Encoding:\s*base64/i.test(headers)) body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return { headers, body };
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  failing = createServer((_req, res) => {
    failingHits++;
    res.statusCode = 502;
    res.end('bad gateway');
  });
  await new Promise<void>((r) => failing.listen(0, '127.0.0.1', r));
  failingPort = (failing.address() as AddressInfo).port;

  wall = await startController({
    config: {
      notify: {
        channels: ['file', 'smtp'],
        smtp: { host: '127.0.0.1', port: smtpPort, secure: false, from: 'Mailroom <mailroom@example.com>' },
        webhooks: [{ id: 'broken', preset: 'wecom', url: `http://127.0.0.1:${failingPort}/cgi-bin/webhook/send?key=x` }],
        maxAttempts: 2,
        retryBaseSeconds: 0.2,
      },
    },
  });
  token = await clerkToken(wall);
}, 60_000);

afterAll(async () => {
  await wall?.stop();
  await new Promise<void>((r) => smtp.close(() => r()));
  await new Promise((r) => failing.close(r));
});

describe('notifications through the outbox', () => {
  it('emails the pickup code, in Chinese, to a real SMTP server', async () => {
    const created = await wall.api('/api/parcels', { body: { tracking: 'SMTP-1', recipientId: 'E1003' }, token });
    expect(created.status).toBe(201);
    await closeDoor(wall, created.body.door);
    await parcelStatus(wall, token, created.body.id, 'stored');
    const mail = await waitFor(() => mails.find((m) => decodeMail(m.raw).body.includes('SMTP-1')), 'an email at the SMTP server', 20_000);
    expect(mail.to).toEqual(['li.na@example.com']);
    const { headers, body } = decodeMail(mail.raw);
    expect(headers).toMatch(/^From: Mailroom <mailroom@example.com>/m);
    expect(headers).toMatch(/^X-Lockerwall-Event: parcel.stored/m);
    const code = (await wall.readNotifications()).find((n) => n.parcelId === created.body.id)!.pickupCode as string;
    expect(body).toContain(`取件码:${code}`);
    expect(body).toContain(`${created.body.door} 号柜门`);
  });

  it('retries a failing webhook with backoff, then lists it for admins as a dead letter', async () => {
    const prefs = await wall.api('/api/mailroom/recipients/E1012/preferences', { method: 'PUT', body: { channel: 'webhook:broken' }, token });
    expect(prefs.status).toBe(200);
    const created = await wall.api('/api/parcels', { body: { tracking: 'DEAD-1', recipientId: 'E1012' }, token });
    await closeDoor(wall, created.body.door);
    await parcelStatus(wall, token, created.body.id, 'stored');

    const admin = (await wall.api('/api/clerk/session', { body: { pin: '9876' } })).body.token as string;
    const dead = await waitFor(async () => {
      const r = await wall.api('/api/admin/notifications/dead', { token: admin });
      return r.body.messages?.find((m: { parcelId: string }) => m.parcelId === created.body.id);
    }, 'a dead letter', 20_000);
    expect(dead).toMatchObject({ event: 'parcel.stored', recipientId: 'E1012', channel: 'webhook:broken', attempts: 2 });
    expect(dead.lastError).toContain('502');
    expect(failingHits).toBe(2);
    // the preferred channel replaces the defaults: no email and no file line for E1012
    expect((await wall.readNotifications()).some((n) => n.parcelId === created.body.id)).toBe(false);

    expect((await wall.api('/api/admin/notifications/dead', { token })).status).toBe(403);
    const retry = await wall.api(`/api/admin/notifications/dead/${dead.id}/retry`, { method: 'POST', token: admin });
    expect(retry.status).toBe(200);
    await waitFor(() => failingHits >= 3, 'the retried delivery');
  });
});

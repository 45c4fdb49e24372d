import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recipient } from '../../../controller/src/domain/types.ts';
import { WebhookChannel } from '../../../controller/src/notify/webhook-channel.ts';
import type { WebhookPreset } from '../../../controller/src/notify/webhook-presets.ts';

const received: { path: string; contentType: string | undefined; body: any }[] = [];
let server: Server;
let base: string;
let refuse = false;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (d: Buffer) => (data += d.toString('utf8')));
    req.on('end', () => resolve(data));
  });
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    received.push({ path: req.url ?? '', contentType: req.headers['content-type'], body: JSON.parse(await readBody(req)) });
    res.setHeader('content-type', 'application/json');
    // WeCom and DingTalk answer 200 with an errcode, as their documentation shows.
    res.end(refuse ? JSON.stringify({ errcode: 93000, errmsg: 'invalid webhook url' }) : JSON.stringify({ errcode: 0, errmsg: 'ok' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
});

const li: Recipient = {
  id: 'E1003', name: '李娜', nameLatin: 'Li Na', email: 'li.na@example.com', department: 'Legal', locale: 'zh-CN',
  role: 'employee', collectsFor: [], needsAccessibleDoor: false, active: true,
};

async function send(preset: WebhookPreset, recipient: Recipient = li) {
  const channel = new WebhookChannel({ id: preset, preset, url: `${base}/${preset}` }, 'Asia/Shanghai');
  await channel.deliver({ event: 'parcel.stored', recipient, payload: { door: '12', tracking: '1Z999AA10123456784', wallName: 'A座收发室' }, pickupCode: '31415926' });
  return received.at(-1)!;
}

describe('webhook presets produce each platform’s documented JSON', () => {
  it('WeCom group bot: msgtype markdown with markdown.content only', async () => {
    const r = await send('wecom');
    expect(r.contentType).toMatch(/^application\/json/);
    expect(Object.keys(r.body).sort()).toEqual(['markdown', 'msgtype']);
    expect(r.body.msgtype).toBe('markdown');
    expect(Object.keys(r.body.markdown)).toEqual(['content']);
    expect(r.body.markdown.content).toContain('12 号柜门');
  });

  it('DingTalk custom robot: msgtype markdown with markdown.title and markdown.text', async () => {
    const r = await send('dingtalk');
    expect(r.body.msgtype).toBe('markdown');
    expect(Object.keys(r.body.markdown).sort()).toEqual(['text', 'title']);
    expect(typeof r.body.markdown.title).toBe('string');
    expect(r.body.markdown.text).toContain('1Z999AA10123456784');
  });

  it('Feishu custom bot: msg_type text with content.text', async () => {
    const r = await send('feishu');
    expect(Object.keys(r.body).sort()).toEqual(['content', 'msg_type']);
    expect(r.body.msg_type).toBe('text');
    expect(Object.keys(r.body.content)).toEqual(['text']);
  });

  it('Slack incoming webhook: text fallback plus a mrkdwn section block', async () => {
    const r = await send('slack', { ...li, locale: 'en' });
    expect(typeof r.body.text).toBe('string');
    expect(r.body.blocks).toHaveLength(1);
    expect(r.body.blocks[0].type).toBe('section');
    expect(r.body.blocks[0].text.type).toBe('mrkdwn');
    expect(r.body.blocks[0].text.text).toContain('door 12');
  });

  it('Microsoft Teams (Workflows): a message with one Adaptive Card attachment', async () => {
    const r = await send('teams', { ...li, locale: 'en' });
    expect(r.body.type).toBe('message');
    expect(r.body.attachments).toHaveLength(1);
    const a = r.body.attachments[0];
    expect(a.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(a.content.type).toBe('AdaptiveCard');
    expect(a.content.$schema).toBe('http://adaptivecards.io/schemas/adaptive-card.json');
    expect(a.content.version).toBe('1.2');
    expect(a.content.body.every((b: { type: string }) => b.type === 'TextBlock')).toBe(true);
  });

  it('never puts the pickup code into a group chat', async () => {
    for (const preset of ['wecom', 'dingtalk', 'feishu', 'slack', 'teams'] as const) {
      const r = await send(preset);
      expect(JSON.stringify(r.body)).not.toContain('31415926');
    }
  });

  it('treats a 200 answer with a non-zero errcode as a failed delivery', async () => {
    refuse = true;
    try {
      await expect(send('wecom')).rejects.toThrow(/93000/);
    } finally {
      refuse = false;
    }
  });

  it('writes zh-TW for a zh-TW recipient', async () => {
    const r = await send('feishu', { ...li, locale: 'zh-TW' });
    expect(r.body.content.text).toContain('號櫃門');
  });
});

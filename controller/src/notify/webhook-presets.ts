/**
 * Chat platforms' documented webhook bodies for a plain notice, field by field:
 * - WeCom group bot: {"msgtype":"markdown","markdown":{"content":…}} (developer.work.weixin.qq.com/document/path/91770)
 * - DingTalk custom robot: {"msgtype":"markdown","markdown":{"title":…,"text":…}} (open.dingtalk.com, custom robot message types)
 * - Feishu custom bot: {"msg_type":"text","content":{"text":…}} (open.feishu.cn, custom bot guide)
 * - Slack incoming webhook: {"text":…,"blocks":[{"type":"section","text":{"type":"mrkdwn","text":…}}]} (api.slack.com/messaging/webhooks)
 * - Microsoft Teams (Workflows webhook): {"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive",…}]}
 */
export type WebhookPreset = 'wecom' | 'dingtalk' | 'feishu' | 'slack' | 'teams' | 'json';

export interface Notice {
  title: string;
  text: string;
  event: string;
}

export function webhookBody(preset: WebhookPreset, n: Notice): unknown {
  switch (preset) {
    case 'wecom':
      return { msgtype: 'markdown', markdown: { content: `**${n.title}**\n${n.text}` } };
    case 'dingtalk':
      return { msgtype: 'markdown', markdown: { title: n.title, text: `#### ${n.title}\n${n.text}` } };
    case 'feishu':
      return { msg_type: 'text', content: { text: `${n.title}\n${n.text}` } };
    case 'slack':
      return { text: n.title, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `*${n.title}*\n${n.text}` } }] };
    case 'teams':
      return {
        type: 'message',
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.adaptive',
            contentUrl: null,
            content: {
              $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
              type: 'AdaptiveCard',
              version: '1.2',
              body: [
                { type: 'TextBlock', text: n.title, weight: 'Bolder', size: 'Medium', wrap: true },
                { type: 'TextBlock', text: n.text, wrap: true },
              ],
            },
          },
        ],
      };
    case 'json':
      return { event: n.event, title: n.title, text: n.text };
  }
}

/**
 * WeCom and DingTalk answer HTTP 200 with {"errcode": n}; Feishu with {"code": n} (older bots
 * {"StatusCode": n}). Anything non-zero is a refusal worth retrying or dead-lettering.
 */
export function webhookRefusal(preset: WebhookPreset, status: number, body: string): string | null {
  if (status < 200 || status >= 300) return `HTTP ${status}: ${body.slice(0, 200)}`;
  if (preset === 'wecom' || preset === 'dingtalk' || preset === 'feishu') {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return null;
    }
    const code = parsed.errcode ?? parsed.code ?? parsed.StatusCode;
    if (typeof code === 'number' && code !== 0) return `${preset} refused the message: ${code} ${String(parsed.errmsg ?? parsed.msg ?? parsed.StatusMessage ?? '')}`;
  }
  return null;
}

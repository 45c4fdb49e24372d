import type { NotificationChannel, OutgoingMessage } from './channel.ts';
import { renderMessage } from './templates.ts';
import { webhookBody, webhookRefusal, type WebhookPreset } from './webhook-presets.ts';

export interface WebhookSettings {
  id: string;
  preset: WebhookPreset;
  url: string;
}

/** A chat bot webhook. Group chats are not private: the message never carries a pickup code. */
export class WebhookChannel implements NotificationChannel {
  readonly name: string;

  constructor(
    private readonly settings: WebhookSettings,
    private readonly timeZone: string,
    private readonly timeoutMs = 10_000,
  ) {
    this.name = `webhook:${settings.id}`;
  }

  async deliver(message: OutgoingMessage): Promise<void> {
    const rendered = renderMessage(message.event, message.recipient.locale, message.payload, { timeZone: this.timeZone });
    const body = webhookBody(this.settings.preset, { title: rendered.subject, text: rendered.text, event: message.event });
    const response = await fetch(this.settings.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const refusal = webhookRefusal(this.settings.preset, response.status, await response.text());
    if (refusal) throw new Error(refusal);
  }
}

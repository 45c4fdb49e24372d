import type { MqttConnection } from './connection.ts';

/**
 * Keeps the latest retained payload per topic and republishes all of them after every (re)connect,
 * in insertion order (status first). Events are fire-and-forget: dropped while offline, never queued.
 * Memory is bounded by the number of topics (doors, boards, summary), not by time offline.
 */
export class Publisher {
  private readonly retained = new Map<string, string>();

  constructor(private readonly connection: Pick<MqttConnection, 'publish' | 'connected'>) {}

  setRetained(topic: string, payload: unknown): void {
    const text = JSON.stringify(payload);
    if (this.retained.get(topic) === text) return;
    this.retained.set(topic, text);
    this.connection.publish(topic, text, { retain: true, qos: 1 });
  }

  /** Empty retained payload: the broker forgets the topic (a door that left the config). */
  clearRetained(topic: string): void {
    this.retained.delete(topic);
    this.connection.publish(topic, '', { retain: true, qos: 1 });
  }

  /** Retained, but not remembered for republishing (discovery removal stubs). */
  publishOnce(topic: string, payload: unknown): void {
    this.connection.publish(topic, JSON.stringify(payload), { retain: true, qos: 1 });
  }

  event(topic: string, payload: unknown, qos: 0 | 1 = 0): boolean {
    return this.connection.publish(topic, JSON.stringify(payload), { retain: false, qos });
  }

  republishOne(topic: string): void {
    const text = this.retained.get(topic);
    if (text !== undefined) this.connection.publish(topic, text, { retain: true, qos: 1 });
  }

  republishAll(): number {
    for (const [topic, text] of this.retained) this.connection.publish(topic, text, { retain: true, qos: 1 });
    return this.retained.size;
  }

  retainedPayload(topic: string): string | undefined {
    return this.retained.get(topic);
  }
}

import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';

export interface ObservedMessage {
  topic: string;
  text: string;
  retain: boolean;
  at: number;
}

/** A real MQTT client that records everything it receives, for asserting on topics and payloads. */
export interface MqttObserver {
  client: MqttClient;
  messages: ObservedMessage[];
  /** the latest message per topic (retained or live). */
  latest(topic: string): ObservedMessage | undefined;
  latestJson<T = any>(topic: string): T | undefined;
  publish(topic: string, payload: string | object, options?: { retain?: boolean; qos?: 0 | 1 }): Promise<void>;
  close(): Promise<void>;
}

export async function observe(url: string, topics: string[], options: IClientOptions = {}): Promise<MqttObserver> {
  const clientId = `observer-${Math.random().toString(16).slice(2)}`;
  const client = mqtt.connect(url, { clientId, reconnectPeriod: 500, connectTimeout: 5_000, ...options });
  const messages: ObservedMessage[] = [];
  client.on('message', (topic, payload, packet) => messages.push({ topic, text: payload.toString('utf8'), retain: packet.retain, at: Date.now() }));
  client.on('error', () => undefined);
  client.on('connect', () => client.subscribe(topics, { qos: 1 }));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`observer could not connect to ${url}`)), 15_000);
    client.once('connect', () => {
      client.subscribe(topics, { qos: 1 }, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  });
  const latest = (topic: string) => {
    for (let i = messages.length - 1; i >= 0; i--) if (messages[i]!.topic === topic) return messages[i];
    return undefined;
  };
  return {
    client,
    messages,
    latest,
    latestJson: (topic) => {
      const m = latest(topic);
      return m && m.text ? JSON.parse(m.text) : undefined;
    },
    publish: (topic, payload, publishOptions = {}) =>
      new Promise((resolve, reject) =>
        client.publish(topic, typeof payload === 'string' ? payload : JSON.stringify(payload), { qos: publishOptions.qos ?? 1, retain: publishOptions.retain ?? false }, (e) =>
          e ? reject(e) : resolve(),
        ),
      ),
    close: () => new Promise((resolve) => client.end(true, {}, () => resolve())),
  };
}

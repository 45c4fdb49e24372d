import { describe, expect, it } from 'vitest';
import { Publisher } from '../../../controller/src/mqtt/publisher.ts';

function fakeConnection() {
  const sent: { topic: string; payload: string; retain: boolean; qos: number }[] = [];
  const connection = {
    connected: false,
    publish(topic: string, payload: string, options: { retain: boolean; qos: 0 | 1 }) {
      if (!connection.connected) return false;
      sent.push({ topic, payload, ...options });
      return true;
    },
  };
  return { connection, sent };
}

describe('publisher', () => {
  it('queues nothing while offline and republishes only the latest state per topic on reconnect', () => {
    const { connection, sent } = fakeConnection();
    const publisher = new Publisher(connection);
    publisher.setRetained('w/status', { state: 'online' });
    for (let i = 0; i < 10_000; i++) {
      publisher.setRetained('w/doors/1', { door: '1', open: i % 2 === 0 });
      publisher.event('w/events', { type: 'door_opened', i });
    }
    expect(sent).toEqual([]);
    connection.connected = true;
    expect(publisher.republishAll()).toBe(2);
    expect(sent).toEqual([
      { topic: 'w/status', payload: '{"state":"online"}', retain: true, qos: 1 },
      { topic: 'w/doors/1', payload: '{"door":"1","open":false}', retain: true, qos: 1 },
    ]);
  });

  it('publishes a retained change at once when connected, and skips unchanged state', () => {
    const { connection, sent } = fakeConnection();
    connection.connected = true;
    const publisher = new Publisher(connection);
    publisher.setRetained('w/summary', { free: 3 });
    publisher.setRetained('w/summary', { free: 3 });
    publisher.setRetained('w/summary', { free: 2 });
    expect(sent.map((s) => s.payload)).toEqual(['{"free":3}', '{"free":2}']);
    expect(publisher.event('w/events', { type: 'x' })).toBe(true);
    expect(sent.at(-1)).toMatchObject({ retain: false, qos: 0 });
  });

  it('clears a topic with an empty retained payload and stops republishing it', () => {
    const { connection, sent } = fakeConnection();
    connection.connected = true;
    const publisher = new Publisher(connection);
    publisher.setRetained('w/doors/24', { door: '24' });
    publisher.clearRetained('w/doors/24');
    expect(sent.at(-1)).toEqual({ topic: 'w/doors/24', payload: '', retain: true, qos: 1 });
    sent.length = 0;
    expect(publisher.republishAll()).toBe(0);
    expect(sent).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALARM_TYPES, EVENT_TYPES, REQUEST_NAMES, TOPIC_CONTRACT } from '../../../controller/src/mqtt/topics.ts';
import type { AlarmType } from '../../../controller/src/services/event-bus.ts';

const doc = readFileSync(new URL('../../../docs/mqtt.md', import.meta.url), 'utf8');

describe('docs/mqtt.md follows the topic contract in code', () => {
  it.each(TOPIC_CONTRACT.map((t) => [t.topic, t] as const))('documents %s with its retain flag and QoS', (topic, entry) => {
    const row = doc.split('\n').find((line) => line.startsWith(`| \`${topic}\``));
    expect(row, `a table row for ${topic}`).toBeDefined();
    const cells = row!.split('|').map((c) => c.trim());
    expect(cells[2]).toBe(entry.direction);
    expect(cells[3]!.startsWith(entry.retained ? 'yes' : 'no')).toBe(true);
    expect(cells[4]).toBe(String(entry.qos));
  });

  it('lists every event type, alarm and request', () => {
    for (const type of EVENT_TYPES) expect(doc).toContain(`\`${type}\``);
    for (const alarm of ALARM_TYPES) expect(doc).toContain(`| \`${alarm}\``);
    for (const name of REQUEST_NAMES) expect(doc).toContain(`request/${name}`);
  });

  it('covers every alarm the wall can raise', () => {
    // Compile-time: a new AlarmType in the event bus must be added to ALARM_TYPES (and so to the docs).
    type Missing = Exclude<AlarmType, (typeof ALARM_TYPES)[number]>;
    const nothingMissing: [Missing] extends [never] ? true : Missing = true;
    expect(nothingMissing).toBe(true);
  });
});

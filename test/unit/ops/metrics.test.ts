import { describe, expect, it } from 'vitest';
import { Counter, Gauge, Histogram, MetricsRegistry } from '../../../controller/src/ops/metrics.ts';
import { parsePrometheusText, sampleValue } from './prometheus-text.ts';

describe('MetricsRegistry', () => {
  it('writes counters, gauges and histograms as valid Prometheus text', () => {
    const registry = new MetricsRegistry();
    const ops = registry.register(new Counter('t_door_operations_total', 'Door opens.', ['outcome']));
    registry.register(new Gauge('t_outbox_pending', 'Queue size.', [], () => [{ value: 3 }]));
    const latency = registry.register(new Histogram('t_open_seconds', 'Latency.', [0.1, 0.5, 1]));
    ops.inc({ outcome: 'pulsed' });
    ops.inc({ outcome: 'pulsed' });
    ops.inc({ outcome: 'failed' });
    for (const v of [0.05, 0.2, 0.7, 3]) latency.observe(v);

    const { types, samples } = parsePrometheusText(registry.render());
    expect(Object.fromEntries(types)).toEqual({ t_door_operations_total: 'counter', t_outbox_pending: 'gauge', t_open_seconds: 'histogram' });
    expect(sampleValue(samples, 't_door_operations_total', { outcome: 'pulsed' })).toBe(2);
    expect(sampleValue(samples, 't_door_operations_total', { outcome: 'failed' })).toBe(1);
    expect(sampleValue(samples, 't_outbox_pending')).toBe(3);
    expect(samples.filter((s) => s.name === 't_open_seconds_bucket').map((s) => [s.labels.le, s.value])).toEqual([
      ['0.1', 1],
      ['0.5', 2],
      ['1', 3],
      ['+Inf', 4],
    ]);
    expect(sampleValue(samples, 't_open_seconds_count')).toBe(4);
    expect(sampleValue(samples, 't_open_seconds_sum')).toBeCloseTo(3.95);
  });

  it('escapes label values and help text so a strange value cannot break the format', () => {
    const registry = new MetricsRegistry();
    const c = registry.register(new Counter('t_alarms_total', 'Alarms with a \\ and a\nnewline.', ['type']));
    c.inc({ type: 'quote " backslash \\ newline \n end' });
    const text = registry.render();
    expect(text.split('\n').filter((l) => l.startsWith('t_alarms_total'))).toHaveLength(1);
    const { samples } = parsePrometheusText(text);
    expect(samples[0]!.labels.type).toBe('quote " backslash \\ newline \n end');
  });

  it('keeps a scrape working when one gauge source fails', () => {
    const registry = new MetricsRegistry();
    registry.register(
      new Gauge('t_broken', 'Fails.', [], () => {
        throw new Error('database closed');
      }),
    );
    registry.register(new Gauge('t_fine', 'Works.', [], () => [{ value: 1 }]));
    expect(sampleValue(parsePrometheusText(registry.render()).samples, 't_fine')).toBe(1);
  });

  it('refuses names Prometheus would reject and counters that go down', () => {
    expect(() => new Counter('door-ops_total', 'x')).toThrow(/not a valid metric name/);
    expect(() => new Counter('t_ops', 'x')).toThrow(/_total/);
    expect(() => new Histogram('t_h', 'x', [1], ['le' as never])).toThrow(/label name/);
    expect(() => new Counter('t_ops_total', 'x').inc({}, -1)).toThrow(/only goes up/);
    const registry = new MetricsRegistry();
    registry.register(new Counter('t_ops_total', 'x'));
    expect(() => registry.register(new Counter('t_ops_total', 'x'))).toThrow(/twice/);
  });

  it('the reader used here rejects broken exposition text', () => {
    expect(() => parsePrometheusText('t_x 1')).toThrow(/newline/);
    expect(() => parsePrometheusText('t_x{a="1} 1\n')).toThrow(/labels/);
    expect(() => parsePrometheusText('t-x 1\n')).toThrow(/malformed/);
    expect(() => parsePrometheusText('t_x one\n')).toThrow(/bad value/);
    expect(() => parsePrometheusText('# TYPE t_h histogram\nt_h_bucket{le="1"} 2\nt_h_bucket{le="+Inf"} 1\nt_h_sum 1\nt_h_count 1\n')).toThrow(/cumulative/);
    expect(() => parsePrometheusText('t_a 1\nt_b 1\nt_a 2\n')).toThrow(/grouped/);
  });
});

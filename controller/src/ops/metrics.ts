/**
 * A small Prometheus registry writing the text exposition format (version 0.0.4) by hand: three
 * metric kinds, labels, and nothing global. Written here rather than taken from prom-client because we
 * need a dozen series, no default global registry, and no dependency to audit on a locked-down kiosk.
 */

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

type Labels = Record<string, string>;

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

const escapeHelp = (text: string) => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const escapeLabel = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

function formatValue(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  return String(n);
}

function formatLabels(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  return '{' + entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',') + '}';
}

function keyOf(labelNames: readonly string[], labels: Labels): string {
  for (const name of Object.keys(labels)) if (!labelNames.includes(name)) throw new Error(`unknown label "${name}"`);
  return JSON.stringify(labelNames.map((n) => labels[n] ?? ''));
}

interface Metric {
  render(): string[];
}

abstract class Family<L extends string> implements Metric {
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly L[],
    private readonly type: 'counter' | 'gauge' | 'histogram',
  ) {
    if (!NAME.test(name)) throw new Error(`"${name}" is not a valid metric name`);
    for (const l of labelNames) if (!LABEL.test(l) || l === 'le') throw new Error(`"${l}" is not a valid label name`);
  }

  render(): string[] {
    return [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} ${this.type}`, ...this.samples()];
  }

  protected abstract samples(): string[];
}

export class Counter<L extends string = never> extends Family<L> {
  private readonly values = new Map<string, { labels: Labels; value: number }>();

  constructor(name: string, help: string, labelNames: readonly L[] = []) {
    if (!name.endsWith('_total')) throw new Error(`counter "${name}" must end in _total`);
    super(name, help, labelNames, 'counter');
  }

  inc(labels: Partial<Record<L, string>> = {}, by = 1): void {
    if (!(by >= 0)) throw new Error('a counter only goes up');
    const key = keyOf(this.labelNames, labels as Labels);
    const entry = this.values.get(key) ?? { labels: labels as Labels, value: 0 };
    entry.value += by;
    this.values.set(key, entry);
  }

  get(labels: Partial<Record<L, string>> = {}): number {
    return this.values.get(keyOf(this.labelNames, labels as Labels))?.value ?? 0;
  }

  protected samples(): string[] {
    return [...this.values.values()].map((e) => `${this.name}${formatLabels(e.labels)} ${formatValue(e.value)}`);
  }
}

/** A gauge read when scraped: `collect` returns the current value of every labelled series. */
export class Gauge<L extends string = never> extends Family<L> {
  constructor(
    name: string,
    help: string,
    labelNames: readonly L[],
    private readonly collect: () => { labels?: Partial<Record<L, string>>; value: number }[],
  ) {
    super(name, help, labelNames, 'gauge');
  }

  protected samples(): string[] {
    let series: { labels?: Partial<Record<L, string>>; value: number }[];
    try {
      series = this.collect();
    } catch {
      return []; // a scrape never fails because one source (e.g. a closed database) cannot answer
    }
    return series.map((s) => `${this.name}${formatLabels((s.labels ?? {}) as Labels)} ${formatValue(s.value)}`);
  }
}

export class Histogram<L extends string = never> extends Family<L> {
  private readonly series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
  readonly buckets: readonly number[];

  constructor(name: string, help: string, buckets: readonly number[], labelNames: readonly L[] = []) {
    super(name, help, labelNames, 'histogram');
    this.buckets = [...buckets].sort((a, b) => a - b);
  }

  observe(value: number, labels: Partial<Record<L, string>> = {}): void {
    const key = keyOf(this.labelNames, labels as Labels);
    let s = this.series.get(key);
    if (!s) this.series.set(key, (s = { labels: labels as Labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 }));
    this.buckets.forEach((upper, i) => {
      if (value <= upper) s.counts[i]!++;
    });
    s.sum += value;
    s.count++;
  }

  protected samples(): string[] {
    const lines: string[] = [];
    for (const s of this.series.values()) {
      this.buckets.forEach((upper, i) => lines.push(`${this.name}_bucket${formatLabels({ ...s.labels, le: formatValue(upper) })} ${s.counts[i]}`));
      lines.push(`${this.name}_bucket${formatLabels({ ...s.labels, le: '+Inf' })} ${s.count}`);
      lines.push(`${this.name}_sum${formatLabels(s.labels)} ${formatValue(s.sum)}`);
      lines.push(`${this.name}_count${formatLabels(s.labels)} ${s.count}`);
    }
    return lines;
  }
}

export class MetricsRegistry {
  private readonly metrics = new Map<string, Metric>();

  register<M extends Metric & { name: string }>(metric: M): M {
    if (this.metrics.has(metric.name)) throw new Error(`metric ${metric.name} is registered twice`);
    this.metrics.set(metric.name, metric);
    return metric;
  }

  /** The whole exposition, ending in a newline as the format requires. */
  render(): string {
    return [...this.metrics.values()].flatMap((m) => m.render()).join('\n') + '\n';
  }
}

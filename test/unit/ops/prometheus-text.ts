/**
 * A strict reader of the Prometheus text exposition format 0.0.4, for tests: it throws on the first
 * line a Prometheus server would reject, and checks the histogram rules a scrape relies on.
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL_PAIR = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"/;
const VALUE = /^(?:[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|[+-]Inf|NaN)$/;

function parseValue(text: string, line: string): number {
  if (!VALUE.test(text)) throw new Error(`bad value "${text}" in: ${line}`);
  return text === '+Inf' ? Infinity : text === '-Inf' ? -Infinity : Number(text);
}

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let rest = text;
  while (rest.length > 0) {
    const m = LABEL_PAIR.exec(rest);
    if (!m) throw new Error(`bad labels in: ${line}`);
    if (m[1]! in labels) throw new Error(`label ${m[1]} twice in: ${line}`);
    labels[m[1]!] = m[2]!.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    rest = rest.slice(m[0].length);
    if (rest.startsWith(',')) rest = rest.slice(1);
    else if (rest.length > 0) throw new Error(`bad label separator in: ${line}`);
  }
  return labels;
}

export function parsePrometheusText(text: string): { types: Map<string, string>; samples: Sample[] } {
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a newline');
  const types = new Map<string, string>();
  const helps = new Set<string>();
  const samples: Sample[] = [];
  const finished = new Set<string>();
  let current: string | undefined;
  const familyOf = (name: string) => {
    for (const suffix of ['_bucket', '_sum', '_count']) {
      const base = name.slice(0, -suffix.length);
      if (name.endsWith(suffix) && types.get(base) === 'histogram') return base;
    }
    return name;
  };
  for (const line of text.slice(0, -1).split('\n')) {
    if (line === '') continue;
    const help = new RegExp(`^# HELP (${NAME}) (.*)$`).exec(line);
    const type = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`).exec(line);
    if (help) {
      if (helps.has(help[1]!)) throw new Error(`HELP for ${help[1]} twice`);
      helps.add(help[1]!);
      continue;
    }
    if (type) {
      if (types.has(type[1]!)) throw new Error(`TYPE for ${type[1]} twice`);
      if (samples.some((s) => familyOf(s.name) === type[1])) throw new Error(`TYPE for ${type[1]} after its samples`);
      types.set(type[1]!, type[2]!);
      continue;
    }
    if (line.startsWith('#')) {
      if (/^# (HELP|TYPE)/.test(line)) throw new Error(`malformed ${line}`);
      continue;
    }
    const m = new RegExp(`^(${NAME})(?:\\{(.*)\\})? (\\S+)(?: (-?\\d+))?$`).exec(line);
    if (!m) throw new Error(`malformed sample line: ${line}`);
    const family = familyOf(m[1]!);
    if (family !== current) {
      if (finished.has(family)) throw new Error(`samples of ${family} are not grouped together`);
      if (current) finished.add(current);
      current = family;
    }
    samples.push({ name: m[1]!, labels: parseLabels(m[2] ?? '', line), value: parseValue(m[3]!, line) });
  }
  for (const [name, type] of types) {
    if (type === 'counter' && samples.some((s) => s.name === name && s.value < 0)) throw new Error(`counter ${name} is negative`);
    if (type !== 'histogram') continue;
    const series = new Map<string, Sample[]>();
    for (const s of samples.filter((x) => x.name === `${name}_bucket`)) {
      const { le, ...rest } = s.labels;
      if (le === undefined) throw new Error(`${name}_bucket without le`);
      const key = JSON.stringify(rest);
      series.set(key, [...(series.get(key) ?? []), s]);
    }
    for (const [key, buckets] of series) {
      const bounds = buckets.map((b) => parseValue(b.labels.le!, b.labels.le!));
      if (bounds.at(-1) !== Infinity) throw new Error(`${name}${key} lacks the +Inf bucket`);
      for (let i = 1; i < buckets.length; i++) {
        if (!(bounds[i]! > bounds[i - 1]!)) throw new Error(`${name}${key} buckets are not in increasing order`);
        if (buckets[i]!.value < buckets[i - 1]!.value) throw new Error(`${name}${key} buckets are not cumulative`);
      }
      const count = samples.find((s) => s.name === `${name}_count` && JSON.stringify(s.labels) === key);
      if (!count || count.value !== buckets.at(-1)!.value) throw new Error(`${name}${key}: _count differs from the +Inf bucket`);
      if (!samples.some((s) => s.name === `${name}_sum` && JSON.stringify(s.labels) === key)) throw new Error(`${name}${key} lacks _sum`);
    }
  }
  return { types, samples };
}

export function sampleValue(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}

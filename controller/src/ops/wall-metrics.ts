import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ACTIVE_PARCEL_STATUSES } from '../domain/types.ts';
import type { WallEventBus } from '../services/event-bus.ts';
import type { OpenIntent, Wall } from '../services/wall.ts';
import type { Store } from '../store/store.ts';
import { Counter, Gauge, Histogram, MetricsRegistry } from './metrics.ts';

export interface WallMetricsSources {
  bus: WallEventBus;
  wall: Pick<Wall, 'doors' | 'executeOpen'>;
  store: Store;
}

/** Seconds from the open command to the board's answer; a healthy RS-485 board answers in tens of ms. */
export const DOOR_OPEN_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The wall's Prometheus metrics: door operations by outcome and their latency, alarms, parcel events,
 * HTTP answers by class, and at scrape time the outbox queue, parcels by status and door states.
 * Labels carry door numbers and kinds only — never a code, badge, name or tracking number.
 *
 * @example
 * const metrics = createWallMetrics(wall); app.route('/', metricsApp(metrics));
 */
export function createWallMetrics(sources: WallMetricsSources) {
  const registry = new MetricsRegistry();
  const doorOperations = registry.register(
    new Counter('lockerwall_door_operations_total', 'Lock open commands by outcome (pulsed: the board confirmed; failed: it did not).', ['outcome']),
  );
  const doorOpenSeconds = registry.register(
    new Histogram('lockerwall_door_open_duration_seconds', 'Time from an open command to the board confirming the pulse.', DOOR_OPEN_BUCKETS),
  );
  const alarms = registry.register(new Counter('lockerwall_alarms_total', 'Alarms raised, by type (door_forced, door_failed, code_guessing, ...).', ['type']));
  const parcelEvents = registry.register(
    new Counter('lockerwall_parcel_events_total', 'Parcel state changes announced, by event and new status.', ['event', 'status']),
  );
  const httpResponses = registry.register(
    new Counter('lockerwall_http_responses_total', 'HTTP answers by status class; 5xx are controller failures.', ['class']),
  );
  const boardOnline = new Map<string, number>();

  registry.register(
    new Gauge('lockerwall_outbox_pending', 'Notifications waiting to be delivered (queue size).', [], () => [{ value: sources.store.outbox.pendingCount() }]),
  );
  registry.register(
    new Gauge('lockerwall_parcels', 'Parcels in the wall by status.', ['status'], () =>
      ACTIVE_PARCEL_STATUSES.map((status) => ({ labels: { status }, value: sources.store.parcels.list({ status, limit: 1_000_000 }).length })),
    ),
  );
  registry.register(
    new Gauge('lockerwall_doors', 'Doors by state (a door can be in several).', ['state'], () => {
      const doors = sources.wall.doors();
      const count = (f: (d: (typeof doors)[number]) => boolean) => doors.filter(f).length;
      return [
        { labels: { state: 'total' }, value: doors.length },
        { labels: { state: 'open' }, value: count((d) => d.open) },
        { labels: { state: 'occupied' }, value: count((d) => d.occupied) },
        { labels: { state: 'faulted' }, value: count((d) => d.fault !== null) },
        { labels: { state: 'disabled' }, value: count((d) => !d.enabled) },
      ];
    }),
  );
  registry.register(
    new Gauge('lockerwall_board_online', 'Lock boards: 1 online, 0 offline.', ['board'], () =>
      [...boardOnline].map(([board, value]) => ({ labels: { board }, value })),
    ),
  );
  const loopDelay = monitorEventLoopDelay({ resolution: 20 });
  loopDelay.enable();
  registry.register(
    new Gauge('lockerwall_event_loop_delay_p99_seconds', '99th percentile event-loop delay since the last scrape.', [], () => {
      const value = loopDelay.percentile(99) / 1e9;
      loopDelay.reset();
      return [{ value }];
    }),
  );
  registry.register(
    new Gauge('process_resident_memory_bytes', 'Resident memory of the controller process.', [], () => [{ value: process.memoryUsage().rss }]),
  );
  const startedAt = Date.now() / 1000 - process.uptime();
  registry.register(new Gauge('process_start_time_seconds', 'Start time of the controller process (Unix seconds).', [], () => [{ value: Math.floor(startedAt) }]));

  const unsubscribes = [
    sources.bus.on('alarm', (a) => alarms.inc({ type: a.type })),
    sources.bus.on('parcel', (p) => parcelEvents.inc({ event: p.event, status: p.status })),
    sources.bus.on('board', (b) => boardOnline.set(b.board, b.state === 'online' ? 1 : 0)),
  ];

  // Times every open through the wall's one door-opening path (deposit, pickup, clerk), whatever the caller.
  const executeOpen = sources.wall.executeOpen.bind(sources.wall);
  sources.wall.executeOpen = async (intent: OpenIntent) => {
    const started = performance.now();
    try {
      await executeOpen(intent);
      doorOperations.inc({ outcome: 'pulsed' });
      doorOpenSeconds.observe((performance.now() - started) / 1000);
    } catch (error) {
      doorOperations.inc({ outcome: 'failed' });
      throw error;
    }
  };

  return {
    registry,
    render: () => registry.render(),
    observeHttpResponse(status: number) {
      httpResponses.inc({ class: `${Math.floor(status / 100)}xx` });
    },
    dispose() {
      unsubscribes.forEach((u) => u());
      sources.wall.executeOpen = executeOpen;
      loopDelay.disable();
    },
  };
}

export type WallMetrics = ReturnType<typeof createWallMetrics>;

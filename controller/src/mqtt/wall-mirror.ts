import type { LockerwallConfig } from '../../../config/schema.ts';
import type { Clock } from '../domain/types.ts';
import type { DoorView, WallEventBus } from '../services/event-bus.ts';
import { discoveryPayload, discoveryTopic, liveComponentIds } from './discovery.ts';
import type { DiscoveryMemory } from './discovery-memory.ts';
import type { Publisher } from './publisher.ts';
import type { MqttSettings } from './settings.ts';
import type { BoardStatusPayload, DoorPayload, EventPayload, StatusData, WallTopics } from './topics.ts';
import { doorPayload, summaryPayload } from './wall-state.ts';

export interface WallMirrorDeps {
  config: Pick<LockerwallConfig, 'wallId' | 'wallName' | 'doors'>;
  settings: Pick<MqttSettings, 'discovery' | 'discoveryPrefix' | 'remoteCommands'>;
  topics: WallTopics;
  bus: WallEventBus;
  wall: { door(id: string): DoorView | undefined };
  boards?: Map<string, { isOnline(): boolean }>;
  publisher: Publisher;
  memory: DiscoveryMemory;
  clock: Clock;
  version: string;
}

/**
 * Mirrors the wall onto MQTT: turns event-bus traffic into retained door, board and summary state
 * and into `events`, and keeps Home Assistant discovery in step with the config.
 */
export class WallMirror {
  private readonly doorIds: string[];
  private readonly configured: Set<string>;
  private readonly doors = new Map<string, DoorPayload>();
  private readonly boards = new Map<string, BoardStatusPayload>();
  private readonly unsubscribes: (() => void)[];

  constructor(private readonly deps: WallMirrorDeps) {
    this.doorIds = deps.config.doors.map((d) => d.id);
    this.configured = new Set(this.doorIds);
    for (const [id, board] of deps.boards ?? []) this.boards.set(id, { state: board.isOnline() ? 'online' : 'offline' });
    // Insertion order is republish order: `status` first so consumers see the wall online before its state.
    deps.publisher.setRetained(deps.topics.status, { state: 'online' });
    for (const [id, payload] of this.boards) deps.publisher.setRetained(deps.topics.boardStatus(id), payload);
    this.unsubscribes = [
      deps.bus.on('door', (view) => {
        this.refreshDoor(view);
        this.publishSummary();
      }),
      deps.bus.on('parcel', (p) => {
        // occupancy changes with the parcel, not with a door sensor
        if (p.door) this.refreshDoor(deps.wall.door(p.door));
        this.publishSummary();
        const type = p.event.startsWith('pickup') ? 'pickup' : p.event.startsWith('deposit') ? 'deposit' : 'parcel';
        this.announce({ type, event: p.event, parcel: p.id, door: p.door, status: p.status, at: this.now() });
      }),
      deps.bus.on('alarm', (a) =>
        this.announce({ type: 'alarm', alarm: a.type, ...(a.door ? { door: a.door } : {}), ...(a.board ? { board: a.board } : {}), message: a.message, at: a.at }),
      ),
      deps.bus.on('board', (b) => {
        const payload: BoardStatusPayload = { state: b.state, ...(b.reason ? { reason: b.reason } : {}) };
        const before = this.boards.get(b.board);
        this.boards.set(b.board, payload);
        deps.publisher.setRetained(deps.topics.boardStatus(b.board), payload);
        if (before?.state !== b.state)
          this.announce({ type: b.state === 'online' ? 'board_online' : 'board_offline', board: b.board, ...(b.reason ? { reason: b.reason } : {}), at: this.now() });
      }),
    ];
    this.refreshAll();
  }

  announce(event: EventPayload): void {
    this.deps.publisher.event(this.deps.topics.events, event);
  }

  /** Re-reads every door from the wall (state may have changed while the broker was away). */
  refreshAll(): void {
    for (const id of this.doorIds) this.refreshDoor(this.deps.wall.door(id));
    this.publishSummary();
  }

  /** Call while connected: clears the retained state of doors that left the config, then remembers the current ones. */
  withdrawRemovedDoors(): void {
    const { memory, config, publisher, topics } = this.deps;
    for (const id of memory.get(config.wallId, 'doors').filter((d) => !this.configured.has(d))) publisher.clearRetained(topics.door(id));
    memory.set(config.wallId, 'doors', this.doorIds);
  }

  /** Call while connected: announces the device, explicitly removing components that left the config. */
  publishDiscovery(): void {
    const { memory, config, publisher, settings } = this.deps;
    const topic = discoveryTopic(settings.discoveryPrefix, config.wallId);
    const previous = memory.get(config.wallId, 'components');
    if (!settings.discovery) {
      if (previous.length) publisher.clearRetained(topic);
      memory.set(config.wallId, 'components', []);
      return;
    }
    const input = {
      wallId: config.wallId,
      wallName: config.wallName,
      version: this.deps.version,
      discoveryPrefix: settings.discoveryPrefix,
      topics: this.deps.topics,
      doors: config.doors.map((d) => ({ id: d.id, board: d.board })),
      lockEntities: settings.remoteCommands.enabled,
    };
    const withRemovals = discoveryPayload({ ...input, previousComponents: previous });
    const current = discoveryPayload({ ...input, previousComponents: [] });
    // HA removes a component announced with only its platform, then wants the clean payload.
    if (Object.keys(withRemovals.components).length !== Object.keys(current.components).length) publisher.publishOnce(topic, withRemovals);
    publisher.setRetained(topic, current);
    memory.set(config.wallId, 'components', liveComponentIds(current));
  }

  status(): StatusData {
    const doors = this.doorIds.flatMap((id) => this.doors.get(id) ?? []);
    return {
      status: 'online',
      wallId: this.deps.config.wallId,
      doors,
      summary: summaryPayload(doors),
      boards: Object.fromEntries(this.boards),
      remoteCommands: this.deps.settings.remoteCommands.enabled,
    };
  }

  stop(): void {
    for (const u of this.unsubscribes.splice(0)) u();
  }

  private refreshDoor(view: DoorView | undefined): void {
    if (!view || !this.configured.has(view.id)) return;
    const next = doorPayload(view);
    const before = this.doors.get(view.id);
    this.doors.set(view.id, next);
    this.deps.publisher.setRetained(this.deps.topics.door(view.id), next);
    if (before && before.open !== next.open) this.announce({ type: next.open ? 'door_opened' : 'door_closed', door: next.door, at: this.now() });
  }

  private publishSummary(): void {
    this.deps.publisher.setRetained(this.deps.topics.summary, summaryPayload(this.doorIds.flatMap((id) => this.doors.get(id) ?? [])));
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}

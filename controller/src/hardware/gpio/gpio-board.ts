import { DoorChanges } from '../polled/door-changes.ts';
import { BoardListeners } from '../listeners.ts';
import { BoardError, type ChannelState, type LockBoard, type LockBoardListener, type OpenResult } from '../lock-board.ts';
import { DebouncedInput } from './debounced-input.ts';
import { onoffGpioFactory, type GpioFactory, type GpioLine } from './gpio-line.ts';
import { findGpioChip, GpioUnavailableError } from './sysfs.ts';

export interface GpioBoardSettings {
  id: string;
  /** BCM pin (offset on the GPIO chip) of the relay of channel i + 1. */
  relayPins: number[];
  /** BCM pin of the door reed switch of channel i + 1; none: the board cannot see doors. */
  sensorPins?: number[];
  /** relay module energises on a low pin (most opto-isolated Pi relay boards). */
  activeLow: boolean;
  /** `nc`: the contact is closed while the door is shut; `no`: open while the door is shut. */
  sensor: 'nc' | 'no';
  /** `to-ground`: switch pulls the pin to GND against a pull-up; `to-3v3`: to 3.3 V against a pull-down. */
  sensorWiring: 'to-ground' | 'to-3v3';
  debounceMs: number;
  /** resync sensors this often in case an edge interrupt was missed. */
  sensorPollMs: number;
  forcedWindowMs: number;
  /** label of the GPIO chip the pins belong to; default: the Raspberry Pi's main controller. */
  chipLabel?: string;
}

export interface GpioEnvironment {
  /** `/sys` normally; a temp dir in tests. */
  sysfsRoot?: string;
  gpio?: GpioFactory;
  /** one pulse at most this long, whatever the caller asks (a lock coil must not cook). */
  maxPulseMs?: number;
}

/**
 * Locks on relays and doors on reed switches wired straight to the Pi's GPIO. Relay outputs start at
 * their inactive level and are left driven inactive on stop (an unexported pin floats, and a floating
 * active-low relay input can click), so neither boot nor shutdown pulses a lock.
 */
export class GpioBoard implements LockBoard {
  readonly id: string;
  readonly channelCount: number;
  private readonly listeners = new BoardListeners();
  private readonly changes: DoorChanges;
  private readonly executed = new Map<string, OpenResult>();
  private readonly sysfsRoot: string;
  private readonly gpio: GpioFactory;
  private readonly maxPulseMs: number;
  private relays: GpioLine[] = [];
  private sensors: Array<{ line: GpioLine; input: DebouncedInput }> = [];
  private readonly pulsing = new Set<number>();
  private readonly pulseTimers = new Map<NodeJS.Timeout, () => void>();
  private pollTimer: NodeJS.Timeout | undefined;
  private online = false;

  constructor(
    private readonly settings: GpioBoardSettings,
    env: GpioEnvironment = {},
  ) {
    this.id = settings.id;
    this.channelCount = settings.relayPins.length;
    this.sysfsRoot = env.sysfsRoot ?? '/sys';
    this.gpio = env.gpio ?? onoffGpioFactory;
    this.maxPulseMs = env.maxPulseMs ?? 5000;
    this.changes = new DoorChanges(settings.id, settings.forcedWindowMs);
  }

  async start(): Promise<void> {
    if (this.online) return;
    let base: number;
    try {
      const chip = await findGpioChip(this.sysfsRoot, this.settings.chipLabel);
      const highest = Math.max(...this.settings.relayPins, ...(this.settings.sensorPins ?? []));
      if (chip.ngpio > 0 && highest >= chip.ngpio)
        throw new GpioUnavailableError(`pin ${highest} is beyond ${chip.name} "${chip.label}", which has pins 0-${chip.ngpio - 1}`);
      base = chip.base;
    } catch (err) {
      throw new BoardError('io', `GPIO board ${this.id}: ${(err as Error).message}`);
    }
    try {
      const inactive = this.settings.activeLow ? 'high' : 'low';
      for (const pin of this.settings.relayPins) this.relays.push(await this.gpio(base + pin, inactive, 'none'));
      for (const pin of this.settings.sensorPins ?? []) {
        const line = await this.gpio(base + pin, 'in', 'both');
        const input = new DebouncedInput(() => line.readSync(), this.settings.debounceMs, () => this.sensorsChanged());
        this.sensors.push({ line, input });
        line.watch(() => input.nudge());
      }
    } catch (err) {
      this.release();
      throw new BoardError('io', `GPIO board ${this.id} could not set up its pins: ${(err as Error).message} — is another program using them, and may this user write /sys/class/gpio?`);
    }
    this.changes.update(this.doorReadings());
    this.online = true;
    this.listeners.availability('online');
    if (this.sensors.length > 0) this.schedulePoll();
  }

  async stop(): Promise<void> {
    if (!this.online) return;
    this.online = false;
    this.release();
    this.listeners.availability('offline', 'stopped');
  }

  isOnline(): boolean {
    return this.online;
  }

  subscribe(listener: LockBoardListener): () => void {
    return this.listeners.add(listener);
  }

  async readStatus(): Promise<ChannelState[]> {
    this.assertOnline();
    const doors = this.doorReadings();
    return this.relays.map((_, i) => ({ channel: i + 1, locked: !this.pulsing.has(i + 1), doorOpen: doors[i] ?? false }));
  }

  async open(channel: number, operationId: string, pulseMs: number): Promise<OpenResult> {
    this.assertOnline();
    const relay = this.relays[channel - 1];
    if (!Number.isInteger(channel) || !relay) throw new BoardError('bad-channel', `GPIO board ${this.id} has no channel ${channel} (it has 1-${this.channelCount})`);
    const earlier = this.executed.get(operationId);
    if (earlier) return { ...earlier, duplicate: true };
    if (this.pulsing.has(channel)) throw new BoardError('rejected', `GPIO board ${this.id}: channel ${channel} is already being pulsed`);
    const active = this.settings.activeLow ? 0 : 1;
    this.changes.commanded(channel);
    this.pulsing.add(channel);
    try {
      relay.writeSync(active);
    } catch (err) {
      this.pulsing.delete(channel);
      this.writeInactive(relay);
      throw new BoardError('io', `GPIO board ${this.id} could not energise channel ${channel}: ${(err as Error).message}`);
    }
    const result: OpenResult = { pulsed: true };
    this.executed.set(operationId, result);
    if (this.executed.size > 1000) this.executed.delete(this.executed.keys().next().value as string);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.pulseTimers.delete(timer);
        resolve();
      }, Math.max(1, Math.min(pulseMs, this.maxPulseMs)));
      this.pulseTimers.set(timer, resolve);
    });
    this.writeInactive(relay);
    this.pulsing.delete(channel);
    return result;
  }

  private doorReadings(): boolean[] {
    // to-ground + nc: a shut door closes the contact → pin low, so an open door reads high. Each other choice flips it.
    const openReadsHigh = (this.settings.sensor === 'nc') === (this.settings.sensorWiring === 'to-ground');
    return this.relays.map((_, i) => {
      const sensor = this.sensors[i];
      if (!sensor) return false;
      return sensor.input.level === (openReadsHigh ? 1 : 0);
    });
  }

  private sensorsChanged(): void {
    if (!this.online) return;
    for (const event of this.changes.update(this.doorReadings())) this.listeners.door(event);
  }

  private schedulePoll(): void {
    this.pollTimer = setTimeout(() => {
      for (const s of this.sensors) s.input.check();
      if (this.online) this.schedulePoll();
    }, this.settings.sensorPollMs);
  }

  private writeInactive(relay: GpioLine): void {
    try {
      relay.writeSync(this.settings.activeLow ? 1 : 0);
    } catch {
      /* nothing better to do; the next start() sets the level again */
    }
  }

  private release(): void {
    clearTimeout(this.pollTimer);
    for (const [timer, endPulse] of this.pulseTimers) {
      clearTimeout(timer);
      endPulse();
    }
    this.pulseTimers.clear();
    // Relays stay exported and driven inactive; see the class comment.
    for (const relay of this.relays) this.writeInactive(relay);
    this.pulsing.clear();
    for (const { line, input } of this.sensors) {
      input.dispose();
      try {
        line.unwatchAll();
        line.unexport();
      } catch {
        /* already gone */
      }
    }
    this.relays = [];
    this.sensors = [];
  }

  private assertOnline(): void {
    if (!this.online) throw new BoardError('offline', `GPIO board ${this.id} is not started`);
  }
}

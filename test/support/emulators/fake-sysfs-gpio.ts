import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GpioFactory, GpioLine } from '../../../controller/src/hardware/gpio/gpio-line.ts';

export interface FakeChip {
  name: string;
  label: string;
  base: number;
  ngpio: number;
}

/**
 * A fake `/sys` tree in a temp dir plus a GPIO factory that behaves like the kernel's sysfs GPIO
 * (as driven by onoff): export makes an input; direction "high"/"low" makes an output at that level
 * in one step. Every level a line ever drove is kept, so tests can prove a relay never clicked.
 */
export class FakeSysfsGpio {
  readonly ops: string[] = [];
  private readonly driven = new Map<number, Array<0 | 1>>();
  private readonly watchers = new Map<number, Array<(err: Error | null | undefined) => void>>();
  private readonly exported = new Set<number>();
  failExport = false;
  /** the physical world reacting to an output level (e.g. a lock releasing and its door swinging open). */
  onDrive: ((gpio: number, level: 0 | 1) => void) | undefined;

  private constructor(readonly root: string) {}

  static async create(chips: FakeChip[] = [{ name: 'gpiochip512', label: 'pinctrl-bcm2711', base: 512, ngpio: 58 }]): Promise<FakeSysfsGpio> {
    const root = await mkdtemp(join(tmpdir(), 'lw-sysfs-'));
    const gpioDir = join(root, 'class', 'gpio');
    await mkdir(gpioDir, { recursive: true });
    await writeFile(join(gpioDir, 'export'), '');
    for (const chip of chips) {
      await mkdir(join(gpioDir, chip.name));
      await writeFile(join(gpioDir, chip.name, 'label'), `${chip.label}\n`);
      await writeFile(join(gpioDir, chip.name, 'base'), `${chip.base}\n`);
      await writeFile(join(gpioDir, chip.name, 'ngpio'), `${chip.ngpio}\n`);
    }
    return new FakeSysfsGpio(root);
  }

  async cleanup(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }

  private file(gpio: number, name: string): string {
    return join(this.root, 'class', 'gpio', `gpio${gpio}`, name);
  }

  /** Levels an output line drove, in order (its first entry is the level it started at). */
  drivenLevels(gpio: number): Array<0 | 1> {
    return this.driven.get(gpio) ?? [];
  }

  level(gpio: number): 0 | 1 {
    return readFileSync(this.file(gpio, 'value'), 'utf8').trim() === '1' ? 1 : 0;
  }

  direction(gpio: number): string {
    return readFileSync(this.file(gpio, 'direction'), 'utf8').trim();
  }

  isExported(gpio: number): boolean {
    return this.exported.has(gpio);
  }

  /** The outside world changes an input (a reed switch opens or closes); fires its edge watchers. */
  setInput(gpio: number, level: 0 | 1, options: { edge?: boolean } = {}): void {
    writeFileSync(this.file(gpio, 'value'), `${level}\n`);
    if (options.edge === false) return; // an interrupt the kernel (or epoll) lost
    for (const w of this.watchers.get(gpio) ?? []) w(null);
  }

  readonly factory: GpioFactory = async (gpio, direction, edge) => {
    if (this.failExport) throw new Error(`EBUSY: resource busy, write ${gpio} to export`);
    const dir = join(this.root, 'class', 'gpio', `gpio${gpio}`);
    await mkdir(dir, { recursive: true });
    if (!this.exported.has(gpio)) {
      this.exported.add(gpio);
      this.ops.push(`export ${gpio}`);
      writeFileSync(join(dir, 'direction'), 'in\n');
      writeFileSync(join(dir, 'value'), '0\n');
    }
    this.ops.push(`direction ${gpio} ${direction}`);
    if (direction === 'in') {
      writeFileSync(join(dir, 'direction'), 'in\n');
      writeFileSync(join(dir, 'edge'), `${edge}\n`);
    } else {
      const level = direction === 'high' ? 1 : 0;
      // the kernel sets the level and the direction in one step: no other level is ever driven
      writeFileSync(join(dir, 'value'), `${level}\n`);
      writeFileSync(join(dir, 'direction'), 'out\n');
      this.driven.set(gpio, [...this.drivenLevels(gpio), level]);
    }
    const line: GpioLine = {
      readSync: () => this.level(gpio),
      writeSync: (value) => {
        if (this.direction(gpio) !== 'out') throw new Error(`EPERM: gpio${gpio} is an input`);
        this.ops.push(`write ${gpio} ${value}`);
        writeFileSync(join(dir, 'value'), `${value}\n`);
        this.driven.set(gpio, [...this.drivenLevels(gpio), value]);
        this.onDrive?.(gpio, value);
      },
      watch: (callback) => this.watchers.set(gpio, [...(this.watchers.get(gpio) ?? []), callback]),
      unwatchAll: () => this.watchers.delete(gpio),
      unexport: () => {
        this.ops.push(`unexport ${gpio}`);
        this.exported.delete(gpio);
      },
    };
    return line;
  };
}

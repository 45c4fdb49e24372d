import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Labels of the Raspberry Pi's main GPIO controller: Pi 5 (RP1), Pi 4, Pi 0-3. */
export const PI_GPIO_CHIP_LABELS = ['pinctrl-rp1', 'pinctrl-bcm2711', 'pinctrl-bcm2835'];

export class GpioUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GpioUnavailableError';
  }
}

export interface GpioChip {
  name: string;
  label: string;
  base: number;
  ngpio: number;
}

/** Lists `<sysfsRoot>/class/gpio/gpiochip*`; throws GpioUnavailableError when sysfs GPIO is missing. */
export async function listGpioChips(sysfsRoot: string): Promise<GpioChip[]> {
  const dir = join(sysfsRoot, 'class', 'gpio');
  const isDir = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (!isDir)
    throw new GpioUnavailableError(
      `GPIO through sysfs is not available: ${dir} does not exist. Raspberry Pi OS has it by default; ` +
        'elsewhere the kernel needs CONFIG_GPIO_SYSFS, and a container needs /sys mounted and access to the GPIO chip.',
    );
  const chips: GpioChip[] = [];
  for (const name of (await readdir(dir)).filter((n) => n.startsWith('gpiochip')).sort()) {
    const read = (file: string) => readFile(join(dir, name, file), 'utf8').then((s) => s.trim(), () => '');
    const [label, base, ngpio] = await Promise.all([read('label'), read('base'), read('ngpio')]);
    if (!/^\d+$/.test(base)) continue;
    chips.push({ name, label, base: Number(base), ngpio: /^\d+$/.test(ngpio) ? Number(ngpio) : 0 });
  }
  return chips;
}

/**
 * The GPIO chip whose offsets the config's pin numbers are: the one labelled `chipLabel`, or else the
 * Pi's main controller. Since Raspberry Pi OS kernel 6.6 its base is no longer 0 (512 on a Pi 4,
 * 571 on a Pi 5), so the sysfs number of BCM pin n is base + n.
 */
export async function findGpioChip(sysfsRoot: string, chipLabel?: string): Promise<GpioChip> {
  const chips = await listGpioChips(sysfsRoot);
  const wanted = chipLabel ? [chipLabel] : PI_GPIO_CHIP_LABELS;
  for (const label of wanted) {
    const chip = chips.find((c) => c.label === label);
    if (chip) return chip;
  }
  const found = chips.map((c) => `${c.name} "${c.label}" (base ${c.base})`).join(', ') || 'none';
  throw new GpioUnavailableError(
    `no GPIO chip labelled ${wanted.map((l) => `"${l}"`).join(' or ')}; found: ${found}. Set options.chipLabel to the chip the pins belong to.`,
  );
}

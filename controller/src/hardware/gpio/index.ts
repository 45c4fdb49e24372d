import { z } from 'zod';
import type { BoardConfig } from '../../../../config/schema.ts';
import { GpioBoard, type GpioEnvironment } from './gpio-board.ts';

export { GpioBoard } from './gpio-board.ts';
export { GpioUnavailableError } from './sysfs.ts';

const pin = z.number().int().min(0).max(511);

const gpioOptions = z
  .object({
    relayPins: z.array(pin).min(1),
    sensorPins: z.array(pin).optional(),
    activeLow: z.boolean({ error: 'options.activeLow is required: true when the relay module switches on a low pin (most opto-isolated modules), false otherwise' }),
    sensor: z.enum(['nc', 'no']).default('nc'),
    sensorWiring: z.enum(['to-ground', 'to-3v3']).default('to-ground'),
    debounceMs: z.number().int().min(0).max(2000).default(50),
    sensorPollMs: z.number().int().min(20).max(60_000).default(250),
    forcedWindowMs: z.number().int().min(0).default(10_000),
    chipLabel: z.string().min(1).optional(),
  })
  .strict();

export type GpioBoardConfig = Pick<BoardConfig, 'id' | 'channels'> & { options?: Record<string, unknown> };

/**
 * Builds a GPIO board from its config entry; pins are BCM numbers.
 * @example createGpioBoard({ id: 'G', channels: 2, options: { relayPins: [17, 27], sensorPins: [22, 23], activeLow: true } })
 */
export function createGpioBoard(board: GpioBoardConfig, env: GpioEnvironment = {}): GpioBoard {
  const parsed = gpioOptions.safeParse(board.options ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `options.${i.path.join('.') || '?'}: ${i.message}`).join('; ');
    throw new Error(`board ${board.id} (gpio): ${issues}`);
  }
  const o = parsed.data;
  const fail = (message: string) => new Error(`board ${board.id} (gpio): ${message}`);
  if (o.relayPins.length !== board.channels) throw fail(`options.relayPins lists ${o.relayPins.length} pins for ${board.channels} channels; give one relay pin per channel`);
  if (o.sensorPins && o.sensorPins.length !== board.channels)
    throw fail(`options.sensorPins lists ${o.sensorPins.length} pins for ${board.channels} channels; give one sensor pin per channel or leave it out`);
  const all = [...o.relayPins, ...(o.sensorPins ?? [])];
  const twice = all.find((p, i) => all.indexOf(p) !== i);
  if (twice !== undefined) throw fail(`pin ${twice} is used twice`);
  return new GpioBoard({ id: board.id, ...o }, env);
}

/** Builds every `gpio` board of the config (pass only those boards). Pins must not be shared between boards. */
export function createGpioBoards(boards: GpioBoardConfig[], _hardware?: unknown, env: GpioEnvironment = {}): GpioBoard[] {
  const built = boards.map((b) => createGpioBoard(b, env));
  const owner = new Map<number, string>();
  for (const b of boards) {
    const o = b.options ?? {};
    for (const p of [...((o.relayPins as number[]) ?? []), ...((o.sensorPins as number[] | undefined) ?? [])]) {
      const other = owner.get(p);
      if (other && other !== b.id) throw new Error(`boards ${other} and ${b.id} (gpio) both use pin ${p}`);
      owner.set(p, b.id);
    }
  }
  return built;
}

import { afterEach, describe, expect, it } from 'vitest';
import { configSchema } from '../../../config/schema.ts';
import type { DoorSensorEvent } from '../../../controller/src/hardware/lock-board.ts';
import { createLwpBoards, type CreatedLwpBoards } from '../../../controller/src/hardware/lwp/create-lwp-boards.ts';
import { waitFor } from '../../support/pty.ts';

let created: CreatedLwpBoards | undefined;
afterEach(async () => {
  for (const b of created?.boards.values() ?? []) await b.stop();
  await created?.dispose();
  created = undefined;
});

const config = configSchema.parse({
  hardware: { driver: 'lwp' },
  boards: [
    { id: 'A', channels: 4 },
    { id: 'B', channels: 3, options: { replyTimeoutMs: 500 } },
  ],
  doors: [
    { id: '1', size: 'S', board: 'A', channel: 1, column: 0, row: 0 },
    { id: '2', size: 'M', board: 'B', channel: 2, column: 1, row: 0 },
  ],
});

describe('createLwpBoards without configured ports', () => {
  it('runs each board on its own simulated PTY, and the sim controls reach the right board', async () => {
    created = await createLwpBoards(config, config.boards);
    expect(created.simControls).not.toBeNull();
    const a = created.boards.get('A')!;
    const b = created.boards.get('B')!;
    await Promise.all([a.start(), b.start()]);
    const events: DoorSensorEvent[] = [];
    for (const board of [a, b]) board.subscribe({ door: (e) => events.push(e) });

    expect(await b.open(2, 'bus-1', 100)).toEqual({ pulsed: true });
    await waitFor(() => events.find((e) => e.boardId === 'B' && e.channel === 2 && e.kind === 'opened'), 5000, 'B/2 opened');
    created.simControls!.closeDoor('B', 2);
    await waitFor(() => events.find((e) => e.boardId === 'B' && e.channel === 2 && e.kind === 'closed'), 5000, 'B/2 closed');
    created.simControls!.forceDoor('A', 4);
    await waitFor(() => events.find((e) => e.boardId === 'A' && e.channel === 4 && e.kind === 'forced'), 5000, 'A/4 forced');
    created.simControls!.closeDoor('not-simulated-here', 1); // another driver's board: ignored
    expect((await a.readStatus()).map((s) => s.doorOpen)).toEqual([false, false, false, true]);
    expect(events.filter((e) => e.boardId === 'A' && e.channel !== 4)).toEqual([]);
  });

  it('refuses a wrongly typed driver option with a message naming it', async () => {
    const bad = configSchema.parse({ ...config, boards: [{ id: 'A', channels: 4, options: { heartbeatMs: 'soon' } }], doors: [config.doors[0]] });
    await expect(createLwpBoards(bad, bad.boards)).rejects.toThrow(/boards\[A\]\.options\.heartbeatMs/);
  });
});

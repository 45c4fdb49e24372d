import { describe, expect, it } from 'vitest';
import { BoardSimulator } from '../../../firmware-protocol/simulator/board-simulator.ts';
import { LineDecoder, encodeLine, type LwpMessage } from '../../../firmware-protocol/src/index.ts';

function rig(options: { autoCloseMs?: number } = {}) {
  const chunks: Buffer[] = [];
  const sim = new BoardSimulator({ boardId: 'A', channels: 4, bootId: 'AB12', transmit: (b) => chunks.push(b), ...options });
  const decoder = new LineDecoder();
  const heard = (): LwpMessage[] => decoder.push(Buffer.concat(chunks.splice(0))) as LwpMessage[];
  const open = (ch: number, op: string, now: number) =>
    sim.receive(Buffer.from(encodeLine({ type: 'command', seq: 1, command: { verb: 'OPEN', channel: ch, op, pulseMs: 100, bootId: sim.bootId } })), now);
  return { sim, heard, open };
}

describe('BoardSimulator', () => {
  it('announces each boot with a RESET event and a new boot id', () => {
    const { sim, heard } = rig();
    sim.boot(0);
    expect(heard()).toEqual([{ type: 'event', seq: 1, event: expect.objectContaining({ kind: 'RESET', bootId: 'AB12', boardId: 'A', channels: 4 }) }]);
    sim.boot(10);
    expect(sim.bootId).not.toBe('AB12');
  });

  it('closes a door by itself after autoCloseMs', () => {
    const { sim, heard, open } = rig({ autoCloseMs: 1000 });
    sim.boot(0);
    heard();
    open(2, 'auto-1', 0);
    expect(sim.doorOpen(2)).toBe(true);
    sim.poll(999);
    expect(sim.doorOpen(2)).toBe(true);
    sim.poll(1000);
    expect(sim.doorOpen(2)).toBe(false);
    const events = heard().filter((m) => m.type === 'event');
    expect(events.map((m) => m.type === 'event' && m.event.kind === 'DOOR' && m.event.change)).toEqual(['opened', 'closed']);
  });

  it('sends one byte per write when told to', () => {
    const chunks: Buffer[] = [];
    const sim = new BoardSimulator({ boardId: 'A', channels: 1, transmit: (b) => chunks.push(b) });
    sim.setFaults({ byteByByte: true });
    sim.boot(0);
    expect(chunks.length).toBeGreaterThan(20);
    expect(chunks.every((c) => c.length === 1)).toBe(true);
  });

  it('goes silent: hears nothing and says nothing until the fault is cleared', () => {
    const { sim, heard, open } = rig();
    sim.boot(0);
    heard();
    sim.setFaults({ silent: true });
    open(1, 'quiet', 0);
    sim.poll(5000);
    expect(heard()).toEqual([]);
    expect(sim.pulses).toEqual([]);
    sim.clearFaults();
    open(1, 'loud', 5000);
    expect(sim.pulses.map((p) => p.op)).toEqual(['loud']);
  });
});

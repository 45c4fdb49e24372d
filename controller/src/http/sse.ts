import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { DoorView, WallEventBus, WallEvents } from '../services/event-bus.ts';
import { presentDoor } from './presenters.ts';

const FORWARDED: (keyof WallEvents)[] = ['door', 'parcel', 'alarm', 'board'];
/** A tap id is a one-time bearer credential and a scan names a parcel: only the kiosk's own browser gets them. */
const READER_EVENTS: (keyof WallEvents)[] = ['scan', 'badge'];

/** Live wall state for the kiosk and admin screens; a heartbeat comment keeps proxies from closing it. */
export function wallEventStream(c: Context, bus: WallEventBus, snapshot: () => unknown[], options: { readerEvents: boolean }) {
  return streamSSE(c, async (stream) => {
    const queue: { event: string; data: string }[] = [];
    let wake: (() => void) | undefined;
    const push = (event: string, data: unknown) => {
      if (queue.length > 1000) queue.shift();
      queue.push({ event, data: JSON.stringify(data) });
      wake?.();
    };
    // doors go out in the public shape of GET /api/doors
    const names = options.readerEvents ? [...FORWARDED, ...READER_EVENTS] : FORWARDED;
    const unsubscribes = names.map((name) => bus.on(name, (payload) => push(name, name === 'door' ? presentDoor(payload as DoorView) : payload)));
    stream.onAbort(() => {
      unsubscribes.forEach((u) => u());
      wake?.();
    });
    for (const door of snapshot()) push('door', door);
    const heartbeat = setInterval(() => push('ping', {}), 15_000);
    try {
      while (!stream.aborted) {
        const next = queue.shift();
        if (next) await stream.writeSSE(next);
        else await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      clearInterval(heartbeat);
      unsubscribes.forEach((u) => u());
    }
  });
}

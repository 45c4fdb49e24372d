import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { wallFeedContext } from '../api/context.ts';
import type { WallFeed, WallFeedListener } from '../api/wall-feed.ts';
import type { Alarm, Door } from '../api/types.ts';

type Host = ReactiveControllerHost & HTMLElement;

/** Keeps a component re-rendering with the live door states, and forwards parcel and alarm events. */
export class LiveDoorsController implements ReactiveController {
  private feed: WallFeed | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly host: Host,
    private readonly on: Pick<WallFeedListener, 'parcel' | 'alarm' | 'doors' | 'scan' | 'badge'> = {},
  ) {
    host.addController(this);
    new ContextConsumer(host, {
      context: wallFeedContext,
      subscribe: false,
      callback: (feed) => {
        this.feed = feed;
        if (host.isConnected) this.hostConnected();
      },
    });
  }

  get doors(): Door[] {
    return this.feed ? [...this.feed.doors.values()] : [];
  }

  get alarms(): Alarm[] {
    return this.feed?.alarms ?? [];
  }

  door(id: string): Door | undefined {
    return this.feed?.doors.get(id);
  }

  refresh(): Promise<void> {
    return this.feed?.refresh() ?? Promise.resolve();
  }

  hostConnected(): void {
    if (!this.feed || this.unsubscribe) return;
    const listener: WallFeedListener = {
      doors: (doors) => {
        this.on.doors?.(doors);
        this.host.requestUpdate();
      },
      parcel: (u) => this.on.parcel?.(u),
      scan: (scan) => this.on.scan?.(scan),
      badge: (tap) => this.on.badge?.(tap),
      alarm: (a) => {
        this.on.alarm?.(a);
        this.host.requestUpdate();
      },
    };
    this.unsubscribe = this.feed.subscribe(listener);
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}

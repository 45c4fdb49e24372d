import type { BoardAvailability, DoorSensorEvent, LockBoardListener } from './lock-board.ts';

/** The subscriber list every driver keeps; a throwing listener never breaks the driver. */
export class BoardListeners {
  private readonly listeners = new Set<LockBoardListener>();

  add(listener: LockBoardListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  door(event: DoorSensorEvent): void {
    for (const l of this.listeners) {
      try {
        l.door?.(event);
      } catch {
        /* a listener's bug must not stop door supervision */
      }
    }
  }

  availability(state: BoardAvailability, reason?: string): void {
    for (const l of this.listeners) {
      try {
        l.availability?.(state, reason);
      } catch {
        /* see above */
      }
    }
  }
}

import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Test and operator override: `?idle=25` shortens every screen's timeout to 25 s. */
function overrideSeconds(): number | null {
  const value = Number(new URLSearchParams(location.search).get('idle'));
  return Number.isFinite(value) && value > 0 ? value : null;
}

export interface IdleTimerOptions {
  /** Seconds without a touch or key before `onTimeout` runs. */
  seconds: number;
  /** The warning shows this many seconds before the timeout (at least 20, per the kiosk rules). */
  warnSeconds?: number;
  onTimeout(): void;
}

/**
 * Sends an unattended screen back home. `warning` turns true `warnSeconds` before the timeout and
 * `remaining` counts down, so the host can show "Still there?"; any touch or key restarts the clock.
 */
export class IdleTimerController implements ReactiveController {
  warning = false;
  remaining = 0;
  private deadline = 0;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private readonly activity = () => this.restart();

  constructor(private readonly host: ReactiveControllerHost, private readonly options: IdleTimerOptions) {
    host.addController(this);
  }

  private get seconds(): number {
    return overrideSeconds() ?? this.options.seconds;
  }

  private get warnSeconds(): number {
    return Math.min(Math.max(this.options.warnSeconds ?? 20, 20), this.seconds);
  }

  hostConnected(): void {
    for (const type of ['pointerdown', 'keydown', 'input'] as const) {
      window.addEventListener(type, this.activity, { capture: true, passive: true });
    }
    this.restart();
    this.ticker = setInterval(() => this.tick(), 250);
  }

  hostDisconnected(): void {
    for (const type of ['pointerdown', 'keydown', 'input'] as const) {
      window.removeEventListener(type, this.activity, { capture: true });
    }
    clearInterval(this.ticker);
  }

  restart(): void {
    this.deadline = Date.now() + this.seconds * 1000;
    if (this.warning) {
      this.warning = false;
      this.host.requestUpdate();
    }
  }

  private tick(): void {
    const remaining = Math.max(0, Math.ceil((this.deadline - Date.now()) / 1000));
    const warning = remaining <= this.warnSeconds;
    if (remaining === 0) {
      clearInterval(this.ticker);
      this.options.onTimeout();
      return;
    }
    if (warning !== this.warning || (warning && remaining !== this.remaining)) {
      this.warning = warning;
      this.remaining = remaining;
      this.host.requestUpdate();
    }
  }
}

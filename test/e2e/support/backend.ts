/** The controller the browser tests talk to: the real process (test/support/controller-process.ts). */
export interface Controller {
  baseUrl: string;
  dataDir: string;
  mqttPort: number;
  stop(): Promise<void>;
  kill(): Promise<void>;
  readNotifications(): Promise<any[]>;
}

export interface ControllerOptions {
  env?: Record<string, string>;
  config?: object;
  /** Reuse a data dir: restart the same wall after a stop. */
  dataDir?: string;
}

/** Starts the real controller; `LOCKERWALL_E2E_MOCK=1` swaps in the in-memory mock for UI-only work. */
export async function startBackend(options: ControllerOptions = {}): Promise<Controller> {
  if (process.env.LOCKERWALL_E2E_MOCK === '1') return (await import('./mock-controller.ts')).startMockController();
  // A computed specifier: the lead's harness is imported at run time and typed by the interface above.
  const harness = '../../support/controller-process.ts';
  const { startController } = (await import(harness)) as { startController(o: ControllerOptions): Promise<Controller> };
  return startController(options);
}

/** Polls until `check` returns a value (not undefined/false), or fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

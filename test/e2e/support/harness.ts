import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { startBackend, type Controller, type ControllerOptions } from './backend.ts';
import { launchBrowser } from './kiosk.ts';
import { ensureUiBuilt } from './ui-build.ts';

/**
 * The set-up every browser test shares: the built kiosk UI, the real controller and Debian's Chromium,
 * started once per file and stopped after it. `ready` receives both once they run.
 * @example
 *   let controller: Controller; let browser: Browser;
 *   useKiosk((c, b) => ([controller, browser] = [c, b]));
 */
export function useKiosk(ready: (controller: Controller, browser: Browser) => void | Promise<void>, options: ControllerOptions = {}): void {
  let controller: Controller | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    await ensureUiBuilt();
    [controller, browser] = await Promise.all([startBackend(options), launchBrowser()]);
    await ready(controller, browser);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await controller?.stop();
  });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { freePort } from '../support/free-port.ts';
import { startBackend, type Controller } from './support/backend.ts';
import { ensureUiBuilt } from './support/ui-build.ts';
import { VIEWPORTS, launchBrowser, openKiosk, screenshot } from './support/kiosk.ts';
import { expectAccessible } from './support/flows.ts';

describe('kiosk: when the controller goes away', () => {
  let controller: Controller | undefined;
  let browser: Browser;
  let port: number;

  beforeAll(async () => {
    await ensureUiBuilt();
    port = await freePort();
    [controller, browser] = await Promise.all([startBackend({ env: { LOCKERWALL_HTTP_PORT: String(port) } }), launchBrowser()]);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await controller?.stop();
  });

  it('shows a banner while the controller is unreachable and clears it after reconnecting by itself', async () => {
    const page = await openKiosk(browser, controller!.baseUrl, VIEWPORTS.small);
    const banner = page.locator('lw-offline-banner');
    expect(await banner.count()).toBe(0);

    const dataDir = controller!.dataDir;
    await controller!.stop();
    controller = undefined;
    await banner.waitFor({ timeout: 30_000 });
    await screenshot(page, 'home-offline-800x480');
    await expectAccessible(page, 'offline banner');

    controller = await startBackend({ dataDir, env: { LOCKERWALL_HTTP_PORT: String(port) } });
    await banner.waitFor({ state: 'detached', timeout: 45_000 });
    await page.context().close();
  }, 150_000);
});

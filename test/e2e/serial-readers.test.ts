import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { openReaderPty, type ReaderPty } from '../support/pty-readers.ts';
import { startBackend, waitFor, type Controller } from './support/backend.ts';
import { ensureUiBuilt } from './support/ui-build.ts';
import { VIEWPORTS, launchBrowser, openKiosk, screenshot } from './support/kiosk.ts';
import { closeDoor, logout, staffLogin } from './support/flows.ts';
import { upsTrackingNumber } from './support/tracking-numbers.ts';

/** Scanner and badge reader wired to the controller's serial ports instead of the kiosk's keyboard. */
describe('kiosk: serial scanner and badge reader on the controller', () => {
  let controller: Controller;
  let browser: Browser;
  let scanner: ReaderPty;
  let badgeReader: ReaderPty;

  beforeAll(async () => {
    await ensureUiBuilt();
    [scanner, badgeReader] = await Promise.all([openReaderPty(), openReaderPty()]);
    const readers = { scanner: { port: scanner.port }, badge: { port: badgeReader.port, protocol: 'wedge-line', format: 'hex10' } };
    [controller, browser] = await Promise.all([startBackend({ config: { readers } }), launchBrowser()]);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await controller?.stop();
    await scanner?.close();
    await badgeReader?.close();
  });

  it('fills the scan field from the serial scanner and opens the door for a tap on the serial badge reader', async () => {
    const page = await openKiosk(browser, controller.baseUrl, VIEWPORTS.small);
    await staffLogin(page);
    const tracking = upsTrackingNumber();
    await scanner.send(`${tracking}\r\n`);
    const scanField = page.locator('lw-deposit-screen lw-scan-field input');
    await waitFor('the serial scan in the scan field', async () => (await scanField.inputValue()) === tracking);
    const search = page.locator('lw-deposit-screen lw-recipient-search input');
    await search.tap();
    await search.fill('li.na@');
    await page.locator('lw-recipient-search button[data-recipient="E1003"]').tap();
    await page.locator('lw-deposit-screen button[data-action="deposit"]').tap();
    const heading = page.locator('lw-deposit-screen [data-test="deposit-door"]');
    await heading.waitFor();
    const door = /(\d+)/.exec((await heading.textContent()) ?? '')![1]!;
    await closeDoor(controller, door);
    await page.locator('lw-deposit-screen [data-test="stored"]').waitFor();
    await logout(page);

    await badgeReader.send('4B00423C15\r\n');
    const opened = page.locator('lw-door-open-screen [data-test="door-heading"]');
    await opened.waitFor();
    expect(await opened.textContent()).toContain(door);
    await screenshot(page, 'door-open-serial-badge-800x480');
    await closeDoor(controller, door);
    await page.context().close();
  }, 120_000);
});

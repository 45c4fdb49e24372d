import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { openReaderPty, type ReaderPty } from '../support/pty-readers.ts';
import { startBackend, type Controller } from './support/backend.ts';
import { ensureUiBuilt } from './support/ui-build.ts';
import { VIEWPORTS, launchBrowser, openKiosk, screenshot } from './support/kiosk.ts';
import { closeDoor, expectAccessible } from './support/flows.ts';

/** The send flow with the badge tapped on the controller's serial reader (SSE `badge` event), in Simplified Chinese. */
describe('kiosk: send mail with a serial badge reader tap (zh-CN)', () => {
  let controller: Controller;
  let browser: Browser;
  let badgeReader: ReaderPty;

  beforeAll(async () => {
    await ensureUiBuilt();
    badgeReader = await openReaderPty();
    const readers = { badge: { port: badgeReader.port, protocol: 'wedge-line', format: 'hex10' } };
    [controller, browser] = await Promise.all([startBackend({ config: { readers } }), launchBrowser()]);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await controller?.stop();
    await badgeReader?.close();
  });

  it('identifies the sender by the tap and opens a door for a standard letter', async () => {
    const page = await openKiosk(browser, controller.baseUrl, VIEWPORTS.small, 'lang=zh-CN');
    await page.locator('lw-home-screen button[data-action="send"]').tap();
    await page.locator('lw-send-screen [data-test="send-badge"]').waitFor();
    expect(await page.locator('lw-send-screen h1').textContent()).toBe('寄件');
    await screenshot(page, 'send-badge-zh-CN-800x480');

    await badgeReader.send('4B00423C15\r\n');
    await page.locator('lw-send-addressee input[name="name"]').fill('陈静');
    await page.locator('lw-send-addressee input[name="city"]').fill('北京');
    // Country names follow the kiosk language.
    expect(await page.locator('lw-send-addressee select[name="country"] option[value="CN"]').textContent()).toContain('中国');
    await screenshot(page, 'send-addressee-zh-CN-800x480');
    await expectAccessible(page, 'send: addressee (zh-CN)');
    await page.locator('lw-send-screen button[data-action="next"]').tap();
    await page.locator('lw-send-service button[data-service="standard_letter"]').tap();
    await page.locator('lw-send-screen button[data-action="next"]').tap();

    const heading = page.locator('lw-send-screen [data-test="send-door"]');
    await heading.waitFor();
    const door = /(\d+)/.exec((await heading.textContent()) ?? '')?.[1];
    expect(door).toBeDefined();
    await screenshot(page, 'send-door-zh-CN-800x480');
    await closeDoor(controller, door!);
    await page.locator('lw-send-screen [data-test="send-done"]').waitFor();
    await page.context().close();
  }, 120_000);
});

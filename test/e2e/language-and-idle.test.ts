import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { useKiosk } from './support/harness.ts';
import type { Controller } from './support/backend.ts';
import { VIEWPORTS, openKiosk, screenshot, tapDigits } from './support/kiosk.ts';
import { expectAccessible } from './support/flows.ts';

describe('kiosk: languages, high contrast and the idle reset', () => {
  let controller: Controller;
  let browser: Browser;

  useKiosk((c, b) => {
    [controller, browser] = [c, b];
  });

  it('starts in Simplified Chinese and switches language on the spot, setting <html lang>', async () => {
    const page = await openKiosk(browser, controller.baseUrl, VIEWPORTS.small, '');
    const title = page.locator('lw-home-screen h1');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await title.textContent()).toBe('领取包裹');
    await screenshot(page, 'home-zh-CN-800x480');
    await expectAccessible(page, 'home zh-CN');

    await page.locator('lw-top-bar button[data-locale="zh-TW"]').tap();
    await page.waitForFunction(() => document.documentElement.lang === 'zh-TW');
    expect(await title.textContent()).toBe('領取包裹');
    await screenshot(page, 'home-zh-TW-800x480');

    await page.locator('lw-home-screen button[data-action="staff"]').tap();
    await page.locator('lw-staff-login-screen h1').waitFor();
    expect(await page.locator('lw-staff-login-screen h1').textContent()).toBe('收發室人員登入');
    await tapDigits(page, 'lw-staff-login-screen', '1234');
    await page.locator('lw-staff-login-screen lw-keypad button[data-key="ok"]').tap();
    await page.locator('lw-deposit-screen h1').waitFor();
    expect(await page.locator('lw-deposit-screen h1').textContent()).toBe('存放包裹');
    await screenshot(page, 'deposit-zh-TW-800x480');
    await expectAccessible(page, 'deposit zh-TW');
    await page.locator('lw-top-bar button[data-locale="en"]').tap();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.locator('lw-deposit-screen h1').textContent()).toBe('Deposit parcels');
    await page.context().close();
  }, 60_000);

  it('offers a high-contrast mode that still passes the accessibility check', async () => {
    const page = await openKiosk(browser, controller.baseUrl, VIEWPORTS.large);
    await page.locator('lw-top-bar button[data-action="contrast"]').tap();
    await page.waitForFunction(() => document.querySelector('lw-app')?.hasAttribute('contrast'));
    await screenshot(page, 'home-high-contrast-1280x800');
    await expectAccessible(page, 'home high contrast');
    await page.context().close();
  }, 60_000);

  it('warns at least 20 s ahead, then returns an idle screen to the start in the home language', async () => {
    const page = await openKiosk(browser, controller.baseUrl, VIEWPORTS.small, 'lang=zh-CN&idle=24');
    await page.locator('lw-top-bar button[data-locale="en"]').tap();
    await page.locator('lw-home-screen button[data-action="staff"]').tap();
    await page.locator('lw-staff-login-screen').waitFor();
    const warning = page.locator('lw-idle-warning');
    await warning.waitFor({ timeout: 20_000 });
    const seconds = Number(/(\d+)\s*s/.exec((await warning.locator('#t').textContent()) ?? '')?.[1]);
    expect(seconds).toBeGreaterThanOrEqual(15);
    await screenshot(page, 'idle-warning-800x480');
    await expectAccessible(page, 'idle warning');
    await page.locator('lw-home-screen').waitFor({ timeout: 40_000 });
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    await page.context().close();
  }, 90_000);
});

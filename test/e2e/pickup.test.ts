import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { useKiosk } from './support/harness.ts';
import type { Controller } from './support/backend.ts';
import { VIEWPORTS, openKiosk, screenshot, tapDigits, wedgeInput } from './support/kiosk.ts';
import { closeDoor, depositParcel, expectAccessible, logout, pickupCodeFor, staffLogin } from './support/flows.ts';
import { upsTrackingNumber } from './support/tracking-numbers.ts';

describe('kiosk: deposit by a clerk, pickup by the recipient', () => {
  let controller: Controller;
  let browser: Browser;

  useKiosk((c, b) => {
    [controller, browser] = [c, b];
  });

  it('deposits for E1003 and picks up by tapping the code (800×480)', async () => {
    const page = await openKiosk(browser, controller.baseUrl, VIEWPORTS.small);
    await screenshot(page, 'home-800x480');
    await expectAccessible(page, 'home');

    await staffLogin(page, '1234', '800x480');
    await expectAccessible(page, 'deposit (empty)');
    const door = await depositParcel(page, '1Z999AA10123456784', 'E1003', 'E1003', 'deposit-recipient-800x480');
    await page.locator('lw-deposit-screen [data-test="door-state"]').waitFor();
    await screenshot(page, 'deposit-door-open-800x480');
    await expectAccessible(page, 'deposit (door open)');

    await closeDoor(controller, door);
    const stored = page.locator('lw-deposit-screen [data-test="stored"]');
    await stored.waitFor();
    expect(await stored.textContent()).toContain(door);
    await screenshot(page, 'deposit-stored-800x480');
    const code = await pickupCodeFor(controller, 'E1003', door);
    await logout(page);

    await tapDigits(page, 'lw-home-screen', code);
    const heading = page.locator('lw-door-open-screen [data-test="door-heading"]');
    await heading.waitFor();
    expect(await heading.textContent()).toContain(`Door ${door} is open`);
    expect(await page.locator(`lw-door-open-screen lw-wall-map [data-door="${door}"].hl`).count()).toBe(1);
    await screenshot(page, 'door-open-800x480');
    await expectAccessible(page, 'door open');

    await closeDoor(controller, door);
    await page.locator('lw-door-open-screen [data-test="thanks"]').waitFor();
    await page.locator('lw-home-screen').waitFor({ timeout: 15_000 });
    await page.context().close();
  }, 120_000);

  it('opens the door for a badge tapped on the reader (1280×800)', async () => {
    const page = await openKiosk(browser, controller.baseUrl, VIEWPORTS.large);
    await screenshot(page, 'home-1280x800');
    await staffLogin(page);
    const door = await depositParcel(page, 'SF1234567890123', '李娜', 'E1003');
    await closeDoor(controller, door);
    await page.locator('lw-deposit-screen [data-test="stored"]').waitFor();
    await screenshot(page, 'deposit-stored-1280x800');
    await logout(page);

    await wedgeInput(page, '4B00423C15');
    const heading = page.locator('lw-door-open-screen [data-test="door-heading"]');
    await heading.waitFor();
    expect(await heading.textContent()).toContain(door);
    await screenshot(page, 'door-open-badge-1280x800');
    await page.locator('lw-door-open-screen button[data-action="not-open"]').tap();
    await page.locator('lw-door-open-screen [data-test="help"][data-report="reported"]').waitFor();
    await screenshot(page, 'door-did-not-open-reported-1280x800');
    await expectAccessible(page, 'door did not open');
    await closeDoor(controller, door);
    await page.locator('lw-door-open-screen [data-test="thanks"]').waitFor();
    await page.context().close();
  }, 120_000);

  it('explains a wrong code and opens nothing', async () => {
    const page = await openKiosk(browser, controller.baseUrl, VIEWPORTS.small);
    const before = await (await fetch(`${controller.baseUrl}/api/doors`)).json() as { doors: { open: boolean }[] };
    await tapDigits(page, 'lw-home-screen', '00000000');
    const error = page.locator('lw-home-screen [data-test="error"]');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/not valid|too many/i);
    await screenshot(page, 'home-wrong-code-800x480');
    await expectAccessible(page, 'home with error');
    const after = await (await fetch(`${controller.baseUrl}/api/doors`)).json() as { doors: { open: boolean }[] };
    expect(after.doors.filter((d) => d.open).length).toBe(before.doors.filter((d) => d.open).length);
    expect(await page.locator('lw-door-open-screen').count()).toBe(0);
    await page.context().close();
  }, 60_000);

  it('refuses a confidential item by code alone and says to use the badge', async () => {
    const page = await openKiosk(browser, controller.baseUrl, VIEWPORTS.small);
    await staffLogin(page);
    await page.locator('lw-deposit-screen button[data-class="confidential"]').tap();
    const door = await depositParcel(page, upsTrackingNumber(), 'E1012', 'E1012');
    await closeDoor(controller, door);
    await page.locator('lw-deposit-screen [data-test="stored"]').waitFor();
    const code = await pickupCodeFor(controller, 'E1012', door);
    await logout(page);

    await tapDigits(page, 'lw-home-screen', code);
    const error = page.locator('lw-home-screen [data-test="error"]');
    await error.waitFor();
    expect(await error.textContent()).toContain('badge');
    await screenshot(page, 'home-confidential-needs-badge-800x480');
    expect(await page.locator('lw-door-open-screen').count()).toBe(0);

    await wedgeInput(page, '26AE4B50A2');
    await page.locator('lw-door-open-screen [data-test="door-heading"]').waitFor();
    await closeDoor(controller, door);
    await page.context().close();
  }, 90_000);
});

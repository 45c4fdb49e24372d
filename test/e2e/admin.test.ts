import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { useKiosk } from './support/harness.ts';
import { waitFor, type Controller } from './support/backend.ts';
import { VIEWPORTS, openKiosk, screenshot, tapDigits } from './support/kiosk.ts';
import { closeDoor, depositParcel, expectAccessible } from './support/flows.ts';
import { upsTrackingNumber } from './support/tracking-numbers.ts';

const ADMIN_PIN = '9876';

async function adminLogin(page: Page): Promise<void> {
  await page.locator('lw-home-screen button[data-action="staff"]').tap();
  await tapDigits(page, 'lw-staff-login-screen', ADMIN_PIN);
  await page.locator('lw-staff-login-screen lw-keypad button[data-key="ok"]').tap();
  await page.locator('lw-admin-screen lw-admin-wall lw-wall-map').waitFor();
}

describe('kiosk: the admin screens', () => {
  let controller: Controller;
  let browser: Browser;

  useKiosk((c, b) => {
    [controller, browser] = [c, b];
  });

  it('updates the wall map live when a door is forced open, and takes a door out of service', async () => {
    const page = await openKiosk(browser, controller.baseUrl, VIEWPORTS.large);
    await adminLogin(page);
    const door7 = page.locator('lw-admin-wall lw-wall-map [data-door="7"]');
    await door7.waitFor();
    expect(await door7.getAttribute('class')).not.toContain('open');

    const forced = await fetch(`${controller.baseUrl}/api/sim/doors/7/open`, { method: 'POST' });
    expect(forced.ok).toBe(true);
    await waitFor('door 7 drawn open on the map', async () => (await door7.getAttribute('class'))?.split(' ').includes('open'));
    await screenshot(page, 'admin-wall-live-1280x800');
    await expectAccessible(page, 'admin wall');

    await door7.tap();
    await page.locator('lw-admin-wall button[data-action="disable"]').tap();
    await waitFor('door 7 drawn out of service', async () => (await door7.getAttribute('class'))?.split(' ').includes('disabled'));
    const { doors } = (await (await fetch(`${controller.baseUrl}/api/doors`)).json()) as { doors: { door: string; enabled: boolean }[] };
    expect(doors.find((d) => d.door === '7')?.enabled).toBe(false);
    await page.locator('lw-admin-wall button[data-action="enable"]').tap();
    await waitFor('door 7 back in service', async () => !(await door7.getAttribute('class'))?.split(' ').includes('disabled'));
    await closeDoor(controller, '7');
    await page.context().close();
  }, 90_000);

  it('finds a parcel by tracking number and shows its timeline, and lists what is waiting', async () => {
    const page = await openKiosk(browser, controller.baseUrl, VIEWPORTS.small);
    await adminLogin(page);
    await page.locator('lw-admin-screen button[data-action="deposit"]').tap();
    const tracking = upsTrackingNumber();
    const door = await depositParcel(page, tracking, 'E1003', 'E1003');
    await closeDoor(controller, door);
    await page.locator('lw-deposit-screen [data-test="stored"]').waitFor();
    await page.locator('lw-deposit-screen button[data-action="admin"]').tap();

    await page.locator('lw-admin-screen button[data-tab="parcels"]').tap();
    const search = page.locator('lw-admin-parcels input');
    await search.tap();
    await search.fill(tracking);
    await search.press('Enter');
    const timeline = page.locator('lw-admin-parcels [data-test="timeline"] ol li');
    await waitFor('a timeline with the deposit and the door closing', async () => (await timeline.count()) >= 2);
    await screenshot(page, 'admin-parcel-timeline-800x480');
    await expectAccessible(page, 'admin parcel search');

    await page.locator('lw-admin-screen button[data-tab="overdue"]').tap();
    await page.locator('lw-admin-overdue tbody tr').first().waitFor();
    expect(await page.locator('lw-admin-overdue tbody').innerText()).toContain(tracking);
    await screenshot(page, 'admin-overdue-800x480');
    await expectAccessible(page, 'admin overdue');

    await page.locator('lw-admin-screen button[data-tab="stats"]').tap();
    const figures = page.locator('lw-admin-stats [data-test="stats-figures"]');
    await figures.waitFor();
    expect(await figures.innerText()).toMatch(/^\s*1\s/);
    await page.setViewportSize(VIEWPORTS.large);
    await screenshot(page, 'admin-statistics-1280x800');
    await expectAccessible(page, 'admin statistics');
    await page.context().close();
  }, 90_000);
});

import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { waitFor, type Controller } from './backend.ts';
import { screenshot, seriousA11yViolations, tapDigits } from './kiosk.ts';

/** Fails with the rule ids and elements when axe finds a serious or critical problem on this screen. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const violations = await seriousA11yViolations(page);
  expect(violations, `${screen}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

export async function staffLogin(page: Page, pin = '1234', shots?: string): Promise<void> {
  await page.locator('lw-home-screen button[data-action="staff"]').tap();
  await page.locator('lw-staff-login-screen lw-keypad').waitFor();
  await tapDigits(page, 'lw-staff-login-screen', pin);
  if (shots) await screenshot(page, `staff-login-${shots}`);
  await page.locator('lw-staff-login-screen lw-keypad button[data-key="ok"]').tap();
  await page.locator('lw-deposit-screen').waitFor();
}

/** On the deposit screen: scan, find the recipient, open a door; returns the door number shown. */
export async function depositParcel(page: Page, scan: string, search: string, recipientId: string, shot?: string): Promise<string> {
  const scanField = page.locator('lw-deposit-screen lw-scan-field input');
  await scanField.tap();
  await scanField.pressSequentially(scan, { delay: 5 });
  await scanField.press('Enter');
  const searchField = page.locator('lw-deposit-screen lw-recipient-search input');
  await searchField.tap();
  await searchField.fill(search);
  await page.locator(`lw-deposit-screen lw-recipient-search button[data-recipient="${recipientId}"]`).tap();
  await page.locator('lw-deposit-screen [data-test="recipient"]').waitFor();
  if (shot) await screenshot(page, shot);
  await page.locator('lw-deposit-screen button[data-action="deposit"]').tap();
  const heading = page.locator('lw-deposit-screen [data-test="deposit-door"]');
  await heading.waitFor();
  const door = /(\d+)/.exec((await heading.textContent()) ?? '')?.[1];
  if (!door) throw new Error(`No door number in "${await heading.textContent()}"`);
  return door;
}

export async function closeDoor(controller: Controller, door: string): Promise<void> {
  const response = await fetch(`${controller.baseUrl}/api/sim/doors/${door}/close`, { method: 'POST' });
  expect(response.ok, `closing door ${door}: ${response.status}`).toBe(true);
}

/** The plain pickup code the controller "mailed" for this parcel (the demo file channel). */
export async function pickupCodeFor(controller: Controller, recipientId: string, door: string): Promise<string> {
  const message = await waitFor(`a parcel.stored notification for ${recipientId} at door ${door}`, async () =>
    [...(await controller.readNotifications())].reverse().find((n: any) => n.event === 'parcel.stored' && n.recipientId === recipientId && String(n.door) === door));
  return String(message.pickupCode);
}

export async function logout(page: Page): Promise<void> {
  await page.locator('lw-deposit-screen button[data-action="logout"]').tap();
  await page.locator('lw-home-screen').waitFor();
}

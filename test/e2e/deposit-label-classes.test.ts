import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { useKiosk } from './support/harness.ts';
import { waitFor, type Controller } from './support/backend.ts';
import { VIEWPORTS, openKiosk, screenshot } from './support/kiosk.ts';
import { expectAccessible, staffLogin } from './support/flows.ts';

describe('kiosk: the label says what kind of item it is', () => {
  let controller: Controller;
  let browser: Browser;

  useKiosk((c, b) => {
    [controller, browser] = [c, b];
  });

  async function scanInto(page: Awaited<ReturnType<typeof openKiosk>>, raw: string) {
    const scanField = page.locator('lw-deposit-screen lw-scan-field input');
    await scanField.tap();
    await scanField.fill('');
    await scanField.pressSequentially(raw, { delay: 5 });
    await scanField.press('Enter');
  }

  const pressed = (page: Awaited<ReturnType<typeof openKiosk>>, c: string) =>
    page.locator(`lw-deposit-screen button[data-class="${c}"]`).getAttribute('aria-pressed');

  it('pre-selects registered, insured or express from the UPU S10 service letter, and deposits an insured item with its value', async () => {
    const page = await openKiosk(browser, controller.baseUrl, VIEWPORTS.large);
    await staffLogin(page, '1234');

    await scanInto(page, 'EE123456025CN');
    await waitFor('express pre-selected', async () => (await pressed(page, 'express')) === 'true');
    expect(await pressed(page, 'insured')).toBe('false');

    await page.reload();
    await staffLogin(page, '1234');
    await scanInto(page, 'RR123456785CN');
    await waitFor('registered pre-selected', async () => (await pressed(page, 'registered')) === 'true');

    await page.reload();
    await staffLogin(page, '1234');
    await scanInto(page, 'VA123456785CN');
    await waitFor('insured pre-selected', async () => (await pressed(page, 'insured')) === 'true');
    await page.locator('lw-deposit-screen [data-test="declared-value"]').fill('1500');
    await page.locator('lw-deposit-screen [data-test="condition"]').fill('box dented');
    const search = page.locator('lw-deposit-screen lw-recipient-search input');
    await search.tap();
    await search.fill('E1003');
    await page.locator('lw-deposit-screen lw-recipient-search button[data-recipient="E1003"]').tap();
    await screenshot(page, 'deposit-insured-from-label-1280x800');
    await expectAccessible(page, 'deposit (insured)');
    await page.locator('lw-deposit-screen button[data-action="deposit"]').tap();
    await page.locator('lw-deposit-screen [data-test="deposit-door"]').waitFor();

    const token = (await (await fetch(`${controller.baseUrl}/api/clerk/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pin: '1234' }) })).json()).token;
    const list = await (await fetch(`${controller.baseUrl}/api/parcels?status=awaiting_close`, { headers: { authorization: `Bearer ${token}` } })).json();
    const parcel = list.parcels.find((p: { tracking: string }) => p.tracking === 'VA123456785CN');
    expect(parcel.classes).toContain('insured');
    const detail = await (await fetch(`${controller.baseUrl}/api/parcels/${parcel.id}`, { headers: { authorization: `Bearer ${token}` } })).json();
    expect(detail.events[0].detail).toMatchObject({ declaredValue: 1500, declaredCurrency: 'CNY', condition: 'box dented' });
  });
});

import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { useKiosk } from './support/harness.ts';
import type { Controller } from './support/backend.ts';
import { VIEWPORTS, openKiosk, screenshot, tapDigits } from './support/kiosk.ts';
import { closeDoor, depositParcel, expectAccessible, logout, pickupCodeFor, staffLogin } from './support/flows.ts';
import { upsTrackingNumber } from './support/tracking-numbers.ts';

/** Draws with the pointer in the signature box: `points` are fractions of its width and height. */
async function draw(page: Page, points: [number, number][]): Promise<void> {
  const box = (await page.locator('lw-signature-pad canvas').boundingBox())!;
  const at = ([x, y]: [number, number]) => [box.x + x * box.width, box.y + y * box.height] as const;
  await page.mouse.move(...at(points[0]!));
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...at(p), { steps: 4 });
  await page.mouse.up();
}

describe('kiosk: registered mail is handed over against a signature', () => {
  let controller: Controller;
  let browser: Browser;

  useKiosk((c, b) => {
    [controller, browser] = [c, b];
  });

  it('refuses an empty pad and a dot, accepts a signature, and records it on the receipt', async () => {
    const page = await openKiosk(browser, controller.baseUrl, VIEWPORTS.large);
    await staffLogin(page);
    await page.locator('lw-deposit-screen button[data-class="registered"]').tap();
    const door = await depositParcel(page, upsTrackingNumber(), 'E1015', 'E1015');
    await closeDoor(controller, door);
    await page.locator('lw-deposit-screen [data-test="stored"]').waitFor();
    const code = await pickupCodeFor(controller, 'E1015', door);
    await logout(page);

    await tapDigits(page, 'lw-home-screen', code);
    await page.locator('lw-proof-screen lw-signature-pad').waitFor();
    await screenshot(page, 'proof-signature-1280x800');
    await expectAccessible(page, 'signature screen');

    const confirm = page.locator('lw-proof-screen button[data-action="confirm"]');
    const error = page.locator('lw-proof-screen [data-test="error"]');
    await confirm.tap();
    await error.waitFor();
    expect(await error.textContent()).toMatch(/sign/i);

    await draw(page, [[0.5, 0.5], [0.501, 0.5]]);
    await confirm.tap();
    await error.waitFor();
    expect(await page.locator('lw-door-open-screen').count()).toBe(0);

    await page.locator('lw-proof-screen button[data-action="clear"]').tap();
    await draw(page, [[0.1, 0.6], [0.2, 0.3], [0.3, 0.7], [0.45, 0.35], [0.6, 0.65], [0.8, 0.4]]);
    await screenshot(page, 'proof-signed-1280x800');
    await confirm.tap();
    const heading = page.locator('lw-door-open-screen [data-test="door-heading"]');
    await heading.waitFor();
    expect(await heading.textContent()).toContain(door);

    const login = await (await fetch(`${controller.baseUrl}/api/clerk/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pin: '1234' }) })).json() as { token: string };
    const parcels = await (await fetch(`${controller.baseUrl}/api/parcels?recipientId=E1015`, { headers: { authorization: `Bearer ${login.token}` } })).json() as { parcels: { id: string }[] };
    const timeline = await (await fetch(`${controller.baseUrl}/api/parcels/${parcels.parcels[0]!.id}/timeline`, { headers: { authorization: `Bearer ${login.token}` } })).json() as { receipts: { kind: string; signature: unknown[] | null }[] };
    expect(timeline.receipts.map((r) => r.kind)).toEqual(['signature']);
    expect((timeline.receipts[0]!.signature as unknown[][]).flat().length).toBeGreaterThanOrEqual(10);
    await closeDoor(controller, door);
    await page.context().close();
  }, 120_000);
});

import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { useKiosk } from './support/harness.ts';
import { waitFor, type Controller } from './support/backend.ts';
import { VIEWPORTS, openKiosk, screenshot, wedgeInput } from './support/kiosk.ts';
import { closeDoor, depositParcel, expectAccessible, logout, pickupCodeFor, staffLogin } from './support/flows.ts';
import { upsTrackingNumber } from './support/tracking-numbers.ts';

async function doors(controller: Controller): Promise<{ door: string; open: boolean; enabled: boolean; occupied: boolean }[]> {
  return ((await (await fetch(`${controller.baseUrl}/api/doors`)).json()) as { doors: never[] }).doors;
}

describe('kiosk: the clerk at work', () => {
  let controller: Controller;
  let browser: Browser;

  useKiosk((c, b) => {
    [controller, browser] = [c, b];
  });

  it('tells the two 王伟 apart by department', async () => {
    const page = await openKiosk(browser, controller.baseUrl, VIEWPORTS.small);
    await staffLogin(page);
    const search = page.locator('lw-deposit-screen lw-recipient-search input');
    await search.tap();
    await search.fill('王伟');
    const finance = page.locator('lw-recipient-search button[data-recipient="E1001"]');
    const rnd = page.locator('lw-recipient-search button[data-recipient="E1002"]');
    await finance.waitFor();
    expect(await finance.innerText()).toContain('Finance');
    expect(await rnd.innerText()).toContain('R&D');
    await screenshot(page, 'deposit-search-two-wang-wei-800x480');
    await expectAccessible(page, 'recipient search');
    await page.context().close();
  }, 60_000);

  it('takes a scanner burst that lands in the recipient search into the scan field instead', async () => {
    const page = await openKiosk(browser, controller.baseUrl, VIEWPORTS.small);
    await staffLogin(page);
    const search = page.locator('lw-deposit-screen lw-recipient-search input');
    await search.tap();
    await search.pressSequentially('Li', { delay: 250 });
    await page.waitForTimeout(600); // the clerk stops typing, then pulls the scanner trigger
    const tracking = upsTrackingNumber();
    await wedgeInput(page, tracking);
    const scanField = page.locator('lw-deposit-screen lw-scan-field input');
    await waitFor('the scan in the scan field', async () => (await scanField.inputValue()) === tracking);
    expect(await search.inputValue()).toBe('Li');
    await page.context().close();
  }, 60_000);

  it('shows the clerk that the recipient needs an accessible door, and that the door opened is one', async () => {
    const page = await openKiosk(browser, controller.baseUrl, VIEWPORTS.large);
    await staffLogin(page);
    const door = await depositParcel(page, upsTrackingNumber(), 'oconnor', 'E1007');
    expect(await page.locator('lw-deposit-screen [data-test="recipient"]').innerText()).toContain('accessible door');
    const state = (await doors(controller)) as unknown as { door: string; accessible: boolean }[];
    expect(state.find((d) => d.door === door)?.accessible).toBe(true);
    await page.locator('lw-deposit-screen .status .acc').waitFor();
    await screenshot(page, 'deposit-accessible-door-1280x800');
    await closeDoor(controller, door);
    await page.locator('lw-deposit-screen [data-test="stored"]').waitFor();
    await page.context().close();
  }, 60_000);

  it('deposits five parcels in a row without leaving the screen, then shows the shift summary', async () => {
    const page = await openKiosk(browser, controller.baseUrl, VIEWPORTS.large);
    await staffLogin(page);
    const recipients = ['E1003', 'E1012', 'E1015', 'E1018', 'E1001'];
    const used: string[] = [];
    for (const [i, recipient] of recipients.entries()) {
      const door = await depositParcel(page, upsTrackingNumber(), recipient, recipient, i === 0 ? 'deposit-recipient-1280x800' : undefined);
      if (i === 0) await screenshot(page, 'deposit-door-open-1280x800');
      await closeDoor(controller, door);
      await waitFor(`"${i + 1} stored" on the deposit screen`, async () => (await page.locator('lw-deposit-screen [data-test="count"]').textContent())?.startsWith(`${i + 1} `));
      used.push(door);
    }
    expect(new Set(used).size).toBe(5);
    await page.locator('lw-deposit-screen button[data-action="summary"]').tap();
    await page.locator('lw-shift-summary table').waitFor();
    expect(await page.locator('lw-shift-summary tbody tr').count()).toBe(5);
    await screenshot(page, 'deposit-shift-summary-1280x800');
    await expectAccessible(page, 'shift summary');
    await page.context().close();
  }, 180_000);

  it('takes a full door out of service and opens another one for the same parcel', async () => {
    const page = await openKiosk(browser, controller.baseUrl, VIEWPORTS.small);
    await staffLogin(page);
    const first = await depositParcel(page, upsTrackingNumber(), 'E1012', 'E1012');
    await page.locator('lw-deposit-screen button[data-action="door-full"]').tap();
    const heading = page.locator('lw-deposit-screen [data-test="deposit-door"]');
    const second = await waitFor('a different door to open', async () => {
      const door = /(\d+)/.exec((await heading.textContent().catch(() => '')) ?? '')?.[1];
      return door && door !== first ? door : undefined;
    });
    expect((await doors(controller)).find((d) => d.door === first)?.enabled).toBe(false);
    await closeDoor(controller, first);
    await closeDoor(controller, second);
    await page.locator('lw-deposit-screen [data-test="stored"]').waitFor();
    expect(await page.locator('lw-deposit-screen [data-test="stored"]').textContent()).toContain(second);
    await page.context().close();
  }, 90_000);

  it('opens every door holding the badge holder\'s parcels and shows them on the wall', async () => {
    const page = await openKiosk(browser, controller.baseUrl, VIEWPORTS.small);
    await staffLogin(page);
    const mine: string[] = [];
    for (let i = 0; i < 2; i++) {
      const door = await depositParcel(page, upsTrackingNumber(), 'E1006', 'E1006');
      await closeDoor(controller, door);
      await waitFor('the parcel stored', async () => (await page.locator('lw-deposit-screen [data-test="stored"]').textContent())?.includes(door));
      mine.push(door);
    }
    await pickupCodeFor(controller, 'E1006', mine[1]!);
    await logout(page);
    await wedgeInput(page, '5DE569C17F');
    await page.locator('lw-door-open-screen [data-test="door-heading"]').waitFor();
    for (const door of mine) {
      expect(await page.locator(`lw-door-open-screen li[data-door="${door}"]`).count()).toBe(1);
      expect(await page.locator(`lw-door-open-screen lw-wall-map [data-door="${door}"].hl`).count()).toBe(1);
    }
    await screenshot(page, 'door-open-several-800x480');
    await expectAccessible(page, 'several doors open');
    await closeDoor(controller, mine[0]!);
    await page.locator(`lw-door-open-screen li.closed[data-door="${mine[0]}"]`).waitFor();
    await closeDoor(controller, mine[1]!);
    await page.locator('lw-door-open-screen [data-test="thanks"]').waitFor();
    await page.context().close();
  }, 120_000);

  it('holds a data-media parcel at the counter until IT checks it, then puts it in a door', async () => {
    const page = await openKiosk(browser, controller.baseUrl, VIEWPORTS.small);
    await staffLogin(page);
    await page.locator('lw-deposit-screen button[data-class="media"]').tap();
    const scanField = page.locator('lw-deposit-screen lw-scan-field input');
    await scanField.tap();
    await scanField.pressSequentially(upsTrackingNumber(), { delay: 5 });
    await scanField.press('Enter');
    const search = page.locator('lw-deposit-screen lw-recipient-search input');
    await search.tap();
    await search.fill('E1016');
    await page.locator('lw-recipient-search button[data-recipient="E1016"]').tap();
    await page.locator('lw-deposit-screen button[data-action="deposit"]').tap();
    await page.locator('lw-deposit-screen [data-test="held"]').waitFor();
    await screenshot(page, 'deposit-held-at-counter-800x480');

    await page.locator('lw-deposit-screen button[data-action="counter"]').tap();
    await page.locator('lw-counter-panel button[data-action="media-clean"]').tap();
    await page.locator('lw-counter-panel button[data-action="put-in-door"]:not([disabled])').waitFor();
    await screenshot(page, 'deposit-counter-800x480');
    await expectAccessible(page, 'counter');
    await page.locator('lw-counter-panel button[data-action="put-in-door"]').tap();
    const heading = page.locator('lw-deposit-screen [data-test="deposit-door"]');
    await heading.waitFor();
    const door = /(\d+)/.exec((await heading.textContent()) ?? '')![1]!;
    await closeDoor(controller, door);
    await page.locator('lw-deposit-screen [data-test="stored"]').waitFor();
    await pickupCodeFor(controller, 'E1016', door);
    await page.context().close();
  }, 90_000);
});

import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { useKiosk } from './support/harness.ts';
import { waitFor, type Controller } from './support/backend.ts';
import { VIEWPORTS, openKiosk, screenshot, wedgeInput } from './support/kiosk.ts';
import { closeDoor, expectAccessible, staffLogin } from './support/flows.ts';

const GENERIC_SECRET = 'e2e-generic-tracking-secret';
const LI_NA_BADGE = '4B00423C15'; // E1003

async function api(controller: Controller, path: string, init: { method?: string; body?: unknown; token?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const response = await fetch(controller.baseUrl + path, { method: init.method ?? (init.body === undefined ? 'GET' : 'POST'), headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  return { status: response.status, body: (await response.json()) as any };
}

async function doorOpen(controller: Controller, door: string): Promise<boolean> {
  const { body } = await api(controller, '/api/doors');
  return Boolean(body.doors.find((d: { door: string }) => d.door === door)?.open);
}

/** Fills the addressee step of the send flow. */
async function fillAddressee(page: Page, a: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(a)) {
    if (name === 'country') await page.locator('lw-send-addressee select[name="country"]').selectOption(value);
    else await page.locator(`lw-send-addressee input[name="${name}"]`).fill(value);
  }
}

describe('kiosk: outgoing mail — badge drop-off, clerk collect and dispatch, carrier push closes it', () => {
  let controller: Controller;
  let browser: Browser;

  useKiosk(
    (c, b) => {
      [controller, browser] = [c, b];
    },
    { config: { outgoing: { tracking: { genericSecret: GENERIC_SECRET } } } },
  );

  it('E1003 sends a registered letter to Germany; the clerk refuses a bad S10 number, dispatches with a valid one; delivered closes it (800×480)', async () => {
    const page = await openKiosk(browser, controller.baseUrl, VIEWPORTS.small);
    await screenshot(page, 'send-home-button-800x480');
    await page.locator('lw-home-screen button[data-action="send"]').tap();
    await page.locator('lw-send-screen [data-test="send-badge"]').waitFor();
    await screenshot(page, 'send-badge-800x480');
    await expectAccessible(page, 'send: badge');

    await wedgeInput(page, LI_NA_BADGE);
    await page.locator('lw-send-addressee input[name="name"]').waitFor();
    // Nothing typed yet: the name is asked for, clearly.
    await page.locator('lw-send-screen button[data-action="next"]').tap();
    expect(await page.locator('lw-send-screen [data-test="error"]').textContent()).toContain("addressee's name");
    await fillAddressee(page, { name: 'Dr. Anna Schmidt', organisation: 'Fraunhofer IIS', street: 'Am Wolfsmantel 33', city: 'Erlangen', postcode: '91058', country: 'DE' });
    await screenshot(page, 'send-addressee-800x480');
    await expectAccessible(page, 'send: addressee');

    await page.locator('lw-send-screen button[data-action="next"]').tap();
    // Insured without a declared value is refused before anything is sent.
    await page.locator('lw-send-service button[data-service="insured"]').tap();
    await page.locator('lw-send-screen button[data-action="next"]').tap();
    expect(await page.locator('lw-send-screen [data-test="error"]').textContent()).toContain('declared value');
    await page.locator('lw-send-service button[data-service="registered"]').tap();
    expect(await page.locator('lw-send-service button[data-service="registered"]').getAttribute('aria-pressed')).toBe('true');
    await screenshot(page, 'send-service-800x480');
    await expectAccessible(page, 'send: service');

    await page.locator('lw-send-screen button[data-action="next"]').tap();
    const heading = page.locator('lw-send-screen [data-test="send-door"]');
    await heading.waitFor();
    const door = /door (\d+)/.exec((await heading.textContent()) ?? '')?.[1];
    expect(door, await heading.textContent() ?? '').toBeDefined();
    await waitFor(`door ${door} open for the drop-off`, () => doorOpen(controller, door!));
    expect(await page.locator(`lw-send-screen lw-wall-map [data-door="${door}"].hl`).count()).toBe(1);
    await screenshot(page, 'send-door-800x480');
    await expectAccessible(page, 'send: door open');

    await closeDoor(controller, door!);
    const done = page.locator('lw-send-screen [data-test="send-done"]');
    await done.waitFor();
    expect(await done.textContent()).toContain(`door ${door}`);
    await screenshot(page, 'send-done-800x480');
    await expectAccessible(page, 'send: done');
    await page.locator('lw-send-screen button[data-action="finish"]').tap();
    await page.locator('lw-home-screen').waitFor();

    // The mailroom: the "collect outgoing" list with the carrier rules' suggestion.
    await staffLogin(page);
    await page.locator('lw-deposit-screen button[data-action="outgoing"]').tap();
    const row = page.locator('lw-outgoing-screen li[data-item]');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain('Dr. Anna Schmidt');
    expect(rowText).toContain(`Door ${door}`);
    expect(rowText).toContain('China Post');
    const id = await row.getAttribute('data-item');
    await screenshot(page, 'dispatch-list-800x480');
    await expectAccessible(page, 'outgoing: list');

    await row.locator('button[data-action="collect"]').tap();
    await page.locator('lw-outgoing-screen [data-test="collected"]').waitFor();
    await waitFor(`door ${door} open for the clerk`, () => doorOpen(controller, door!));
    await closeDoor(controller, door!);
    const dispatchForm = page.locator('lw-outgoing-dispatch');
    expect(await dispatchForm.locator('select[name="carrier"]').inputValue()).toBe('china-post');

    // A US registered number with a wrong check digit: refused, with the reason on screen.
    const scan = dispatchForm.locator('lw-scan-field input');
    await scan.tap();
    await scan.pressSequentially('RB123456786US', { delay: 5 });
    await scan.press('Enter');
    await dispatchForm.locator('input[name="amount"]').fill('28.5');
    await dispatchForm.locator('button[data-action="dispatch"]').tap();
    const refusal = dispatchForm.locator('[data-test="dispatch-error"]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/not a valid tracking number/);
    expect(await refusal.textContent()).toMatch(/check digit/);
    await screenshot(page, 'dispatch-refused-800x480');
    await expectAccessible(page, 'outgoing: refused label');
    const afterRefusal = await api(controller, `/api/outgoing/${id}`, { token: (await api(controller, '/api/clerk/session', { body: { pin: '1234' } })).body.token });
    expect(afterRefusal.body.status).toBe('collected');

    await scan.fill('');
    await scan.pressSequentially('RR123456785CN', { delay: 5 });
    await scan.press('Enter');
    await dispatchForm.locator('button[data-action="dispatch"]').tap();
    const dispatched = page.locator('lw-outgoing-screen [data-test="dispatched"]');
    await dispatched.waitFor();
    expect(await dispatched.textContent()).toContain('RR123456785CN');
    await page.locator('lw-outgoing-screen [data-test="outgoing-empty"]').waitFor();
    await screenshot(page, 'dispatch-done-800x480');
    await expectAccessible(page, 'outgoing: dispatched');
    await page.locator('lw-outgoing-screen button[data-action="logout"]').tap();
    await page.locator('lw-home-screen').waitFor();
    await page.context().close();

    // The carrier's aggregator reports delivery; the timeline holds every step with its actor.
    const push = await fetch(`${controller.baseUrl}/api/outgoing/tracking/generic`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-lockerwall-secret': GENERIC_SECRET },
      body: JSON.stringify({ tracking: 'RR123456785CN', status: 'delivered', detail: 'Erlangen, zugestellt' }),
    });
    expect(push.status).toBe(200);
    const token = (await api(controller, '/api/clerk/session', { body: { pin: '1234' } })).body.token as string;
    const item = (await api(controller, `/api/outgoing/${id}`, { token })).body;
    expect(item).toMatchObject({ status: 'delivered', service: 'registered', carrier: 'china-post', tracking: 'RR123456785CN', postage: 28.5, postageCurrency: 'CNY' });
    expect(item.addressee).toMatchObject({ name: 'Dr. Anna Schmidt', organisation: 'Fraunhofer IIS', addressLines: ['Am Wolfsmantel 33'], city: 'Erlangen', postcode: '91058', country: 'DE' });
    expect(item.sender.id).toBe('E1003');
    const steps = item.events.map((e: { type: string; actor: string }) => [e.type, e.actor]);
    expect(steps).toEqual([
      ['dropped_off', 'badge:E1003'],
      ['door_opened', 'badge:E1003'],
      ['door_closed', 'door-sensor'],
      ['notified', 'system'],
      ['collected', expect.stringMatching(/^clerk:/)],
      ['door_opened', expect.stringMatching(/^clerk:/)],
      ['dispatched', expect.stringMatching(/^clerk:/)],
      ['notified', 'system'],
      ['carrier_delivered', 'tracking:generic'],
      ['notified', 'system'],
    ]);
  }, 180_000);

  it('an unknown badge is refused after the form is filled; the right badge then sends it without retyping (1280×800)', async () => {
    const page = await openKiosk(browser, controller.baseUrl, VIEWPORTS.large);
    await screenshot(page, 'send-home-button-1280x800');
    await page.locator('lw-home-screen button[data-action="send"]').tap();
    await page.locator('lw-send-screen [data-test="send-badge"]').waitFor();
    await wedgeInput(page, '0000000001');
    await fillAddressee(page, { name: '王伟', organisation: '上海分公司', city: '上海', postcode: '200120' });
    expect(await page.locator('lw-send-addressee select[name="country"]').inputValue()).toBe('CN');
    await page.locator('lw-send-screen button[data-action="next"]').tap();
    await page.locator('lw-send-service button[data-service="insured"]').tap();
    await page.locator('lw-send-service input[name="declaredValue"]').fill('2000');
    await screenshot(page, 'send-service-insured-1280x800');
    await page.locator('lw-send-screen button[data-action="next"]').tap();

    const error = page.locator('lw-send-screen [data-test="error"]');
    await error.waitFor();
    expect(await error.textContent()).toContain('badge is not recognised');
    await page.locator('lw-send-screen [data-test="send-badge"]').waitFor();
    await screenshot(page, 'send-unknown-badge-1280x800');
    await expectAccessible(page, 'send: unknown badge');

    await wedgeInput(page, LI_NA_BADGE);
    const heading = page.locator('lw-send-screen [data-test="send-door"]');
    await heading.waitFor();
    const door = /door (\d+)/.exec((await heading.textContent()) ?? '')?.[1];
    await screenshot(page, 'send-door-1280x800');
    await closeDoor(controller, door!);
    await page.locator('lw-send-screen [data-test="send-done"]').waitFor();

    const token = (await api(controller, '/api/clerk/session', { body: { pin: '1234' } })).body.token as string;
    const { items } = (await api(controller, '/api/outgoing?status=awaiting_dispatch', { token })).body;
    const item = items.find((i: { door: string }) => i.door === door);
    expect(item).toMatchObject({ service: 'insured', declaredValue: 2000, declaredCurrency: 'CNY', sender: { id: 'E1003' } });
    expect(item.addressee).toMatchObject({ name: '王伟', organisation: '上海分公司', city: '上海', postcode: '200120', country: 'CN' });
    expect(item.suggestion.destination).toBe('domestic');

    await page.locator('lw-send-screen button[data-action="finish"]').tap();
    await staffLogin(page);
    await page.locator('lw-deposit-screen button[data-action="outgoing"]').tap();
    await page.locator(`lw-outgoing-screen li[data-item="${item.id}"] button[data-action="collect"]`).tap();
    await page.locator('lw-outgoing-screen [data-test="collected"]').waitFor();
    expect(await page.locator('lw-outgoing-screen [data-test="collected"]').textContent()).toContain('declared value 2000 CNY');
    await screenshot(page, 'dispatch-form-1280x800');
    await expectAccessible(page, 'outgoing: dispatch form');
    await closeDoor(controller, door!);
    await page.context().close();
  }, 180_000);
});

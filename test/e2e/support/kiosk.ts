import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const VIEWPORTS = { small: { width: 800, height: 480 }, large: { width: 1280, height: 800 } } as const;
const SCREENSHOTS = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
const AXE = fileURLToPath(new URL('../../../node_modules/axe-core/axe.min.js', import.meta.url));

/** Debian's Chromium, never a downloaded browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/** A touch-screen kiosk page on `baseUrl`; `query` adds e.g. `lang=en` or `idle=25`. */
export async function openKiosk(browser: Browser, baseUrl: string, viewport: { width: number; height: number }, query = 'lang=en'): Promise<Page> {
  const context = await browser.newContext({ viewport, hasTouch: true, isMobile: false, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('[kiosk page error]', error.message));
  await page.goto(`${baseUrl}/?${query}`);
  await page.locator('lw-home-screen lw-keypad button[data-key="1"]').waitFor();
  return page;
}

/** Types digits on whichever on-screen keypad is showing, by tapping. */
export async function tapDigits(page: Page, screen: string, digits: string): Promise<void> {
  for (const digit of digits) await page.locator(`${screen} lw-keypad button[data-key="${digit}"]`).tap();
}

/**
 * A reader "typing" fast and pressing Enter, as a keyboard-wedge badge reader or scanner does.
 * Real readers type a character every few ms. The key events go to Chromium all at once over the DevTools
 * protocol (in order, without waiting for each reply), so a loaded CI machine cannot stretch the gaps between
 * keys past the reader threshold the way one round trip per key (keyboard.type) can.
 */
export async function wedgeInput(page: Page, text: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const keys = [...text].map((c) => ({ key: c, text: c, code: keyCode(c), windowsVirtualKeyCode: c.toUpperCase().charCodeAt(0) }));
    keys.push({ key: 'Enter', text: '\r', code: 'Enter', windowsVirtualKeyCode: 13 });
    await Promise.all(keys.flatMap((k) => [
      cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...k, unmodifiedText: k.text }),
      cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: k.key, code: k.code, windowsVirtualKeyCode: k.windowsVirtualKeyCode }),
    ]));
  } finally {
    await cdp.detach();
  }
}

function keyCode(c: string): string {
  if (/[0-9]/.test(c)) return `Digit${c}`;
  if (/[a-z]/i.test(c)) return `Key${c.toUpperCase()}`;
  return '';
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  // Let the key-press flash and transitions settle so the picture shows the resting screen.
  await page.waitForTimeout(250);
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png` });
}

export interface AxeViolation { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }

/** Runs axe-core on the page as it is now and returns the serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated over the DevTools protocol: the controller's CSP (script-src 'self') rightly blocks an injected <script>.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await readFile(AXE, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(o?: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run({ resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

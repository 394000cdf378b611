/// <reference lib="dom" />
/**
 * The portals end to end in Debian's Chromium (playwright-core, no browser download): an HR
 * admin funds and allocates, an employee orders and sees tracking, a partner ships, the
 * recipient's tracking page shows it, and the employee rates the gift. Screenshots of every
 * portal go to test-results/portals/ (CI keeps them as artifacts).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startLocalPlatform, type LocalPlatform, REPO_ROOT } from '../../local/platform.js';
import { demoUsersOf, seedDemo, type SeedResult } from '../../local/seed.js';
import { employeeOrders, employeeRates } from './portals/employee.js';
import { partnerShips, recipientTracks } from './portals/partner.js';
import { hrJourney } from './portals/hr.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = new URL('../../test-results/portals/', import.meta.url);

let platform: LocalPlatform;
let browser: Browser;
let dir: string;
const seeded: { result?: SeedResult } = {};

beforeAll(async () => {
  if (!existsSync(new URL('web/dist/index.html', REPO_ROOT))) {
    const { build } = await import('vite');
    await build({ configFile: new URL('web/vite.config.ts', REPO_ROOT).pathname, logLevel: 'warn' });
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`);
  dir = mkdtempSync(join(tmpdir(), 'gifting-portals-'));
  platform = await startLocalPlatform({ dataDir: dir, inMemory: true, stage: 'test', demoUsers: (issuer) => demoUsersOf(issuer, seeded.result) });
  seeded.result = await seedDemo();
  await platform.settle();
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  mkdirSync(SHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function shot(page: Page, name: string) {
  await page.screenshot({ path: new URL(`${name}.png`, SHOTS).pathname, fullPage: true });
}

async function newPage(options: { width?: number; locale?: string } = {}) {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, locale: options.locale ?? 'en-GB' });
  // A step that cannot happen fails within seconds, naming its locator.
  context.setDefaultTimeout(15_000);
  return context.newPage();
}

describe('the portals', () => {
  it('an HR admin tops up through Stripe Checkout and allocates points to a department', async () => {
    const page = await newPage();
    await hrJourney(page, platform.url);
    await shot(page, 'hr-allocations');
    await page.goto(`${platform.url}/hr/reports`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await shot(page, 'hr-reports');
    await page.context().close();
    await platform.settle();
  }, 120_000);

  it('an employee orders a gift, the partner ships it, the recipient tracks it, and the employee rates it', async () => {
    const page = await newPage();
    const orderId = await employeeOrders(page, platform.url, 'Ayşe Yılmaz');
    await shot(page, 'employee-order-placed');
    await platform.settle();

    // The partner ships it from the partner console; the recipient follows it on the tracking page.
    const partnerPage = await newPage();
    const token = await partnerShips(partnerPage, platform.url, orderId);
    await shot(partnerPage, 'partner-shipment-delivered');
    await recipientTracks(partnerPage, platform.url, token);
    await shot(partnerPage, 'tracking-page-delivered');
    await partnerPage.context().close();
    await platform.settle();

    await employeeRates(page, platform.url, 'Ayşe Yılmaz', orderId);
    await shot(page, 'employee-order-delivered');
    await page.context().close();
  }, 120_000);

  it('shows the store in Persian right to left, and fits a phone', async () => {
    const page = await newPage({ width: 390, locale: 'fa-IR' });
    await page.goto(`${platform.url}/signin`);
    await page.getByRole('button', { name: /Ayşe Yılmaz/ }).click();
    await page.waitForURL(/\/store$/);
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['fa', 'rtl']);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('فروشگاه هدیه');
    // Nothing wider than the phone: no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await shot(page, 'employee-store-fa-phone');
    await page.getByLabel('زبان').first().selectOption('tr');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Hediye mağazası');
    await page.context().close();
  });
});

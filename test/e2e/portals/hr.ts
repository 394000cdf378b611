/**
 * The HR admin's journey through the console, for the portals' e2e suite: sign in as Acme HR,
 * buy 5000 points through the (local stand-in's) Stripe Checkout page, allocate 500 points to
 * each Engineering employee, wait until the allocation is completed, and check that the budget
 * went down by exactly what the allocation reserved.
 *
 * Every element is found by its role and accessible name or by its label, so the journey fails
 * when a control loses its label: it doubles as an accessibility check. It reads English text:
 * it sets the console's language to English first.
 */
import type { Locator, Page } from 'playwright-core';

const TOP_UP_POINTS = 5000;
const POINTS_EACH = 500;
const DEPARTMENT = 'Engineering';

/** Digits of a formatted number or points figure ("213,250 points" → 213250). */
function pointsIn(text: string): number {
  const digits = text.replace(/[^\d]/g, '');
  if (!digits) throw new Error(`no number in "${text}"`);
  return Number(digits);
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/** "Available to allocate: 213,250 points", as the budget and allocations pages show it. */
async function balanceOn(page: Page): Promise<number> {
  const line = page.getByText(/^Available to allocate: /);
  await line.first().waitFor();
  return pointsIn((await line.first().textContent())!.split('·')[0]!);
}

async function cellOf(row: Locator, column: number): Promise<string> {
  return (await row.getByRole('cell').nth(column).textContent()) ?? '';
}

export async function hrJourney(page: Page, baseUrl: string): Promise<void> {
  // Sign in as the demo company's HR admin, in English.
  await page.goto(`${baseUrl}/signin`);
  // A string, evaluated in the page: the test project's types have no DOM.
  await page.evaluate("localStorage.setItem('gifting.locale', 'en')");
  await page.reload();
  await page.getByRole('button', { name: 'Sign in as Acme HR' }).click();
  await page.getByRole('heading', { level: 1, name: 'HR overview' }).waitFor();

  // Top up through Stripe Checkout: the stand-in's page takes the card payment.
  const nav = page.getByRole('navigation', { name: 'Gifting' });
  await nav.getByRole('link', { name: 'Budget' }).click();
  await page.getByRole('heading', { level: 1, name: 'Budget' }).waitFor();
  const before = await balanceOn(page);
  await page.getByLabel('Points to buy').fill(String(TOP_UP_POINTS));
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await page.getByRole('button', { name: 'Pay with card' }).click();
  // Stripe sends the browser back to the success URL the API gave it; then to the console.
  await page.waitForURL(/checkout=success/);
  await page.goto(`${baseUrl}/hr/budget`);
  const funded = before + TOP_UP_POINTS;
  await until(`the budget to show the ${TOP_UP_POINTS} points bought`, async () => {
    if ((await balanceOn(page)) === funded) return true;
    await page.getByRole('button', { name: 'Refresh' }).click();
    return undefined;
  });
  const topUps = page.getByRole('table', { name: 'Top-ups' });
  await topUps.getByRole('row').filter({ hasText: 'Credited' }).first().waitFor();

  // Allocate 500 points to each employee of Engineering.
  await nav.getByRole('link', { name: 'Allocations' }).click();
  await page.getByRole('heading', { level: 1, name: 'Allocations' }).waitFor();
  const reason = `Sprint thank-you ${Date.now()}`;
  await page.getByRole('radio', { name: 'A department' }).check();
  await page.getByLabel('Department', { exact: true }).selectOption(DEPARTMENT);
  await page.getByLabel('Points per person').fill(String(POINTS_EACH));
  await page.getByRole('textbox', { name: 'Reason', exact: true }).fill(reason);
  await page.getByLabel('Personal message (optional)').fill('Thank you for shipping the release!');
  await page.getByRole('button', { name: 'Allocate points' }).click();
  await page.getByText(`“${reason}” has been allocated.`).waitFor({ timeout: 30_000 });

  // The history lists it as completed, and the budget went down by its total.
  const row = page.getByRole('table', { name: 'Past allocations' }).getByRole('row').filter({ hasText: reason });
  await until('the allocation to be listed as completed', async () => ((await cellOf(row, 5)).includes('Completed') ? true : undefined));
  const recipients = pointsIn(await cellOf(row, 2));
  const total = pointsIn(await cellOf(row, 3));
  if (recipients < 1 || total !== recipients * POINTS_EACH) {
    throw new Error(`the allocation credited ${recipients} recipients for ${total} points, expected ${POINTS_EACH} each`);
  }
  await until(`the budget to go down by ${total} points`, async () => ((await balanceOn(page)) === funded - total ? true : undefined));
}

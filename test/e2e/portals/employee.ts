/** The employee's side of the portal journey, with role and label locators (an accessibility check too). */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

export async function signInAs(page: Page, baseUrl: string, name: string): Promise<void> {
  await page.goto(`${baseUrl}/signin`);
  await page.getByRole('button', { name: `Sign in as ${name}` }).click();
}

/** Orders the first affordable physical gift; returns the order id. */
export async function employeeOrders(page: Page, baseUrl: string, name: string): Promise<string> {
  await signInAs(page, baseUrl, name);
  await page.waitForURL(/\/store$/);
  await expect.poll(() => page.getByTestId('balance').textContent()).toMatch(/\d/);
  await page.getByLabel('Only what I can afford').check();
  await page.getByRole('button', { name: 'Show' }).click();
  await page.getByRole('link', { name: /Çaydanlık|Cezve|Tea|Coffee|Blanket|Towel|Mug|Set/i }).first().click();
  await page.getByRole('button', { name: 'Order this gift' }).click();
  await page.waitForURL(/\/store\/checkout/);
  const box = (label: string) => page.getByRole('textbox', { name: label, exact: true });
  await box('Recipient name').fill(name);
  await box('Address').fill('Bağdat Caddesi 1');
  await box('Postal code').fill('34710');
  await box('City').fill('İstanbul');
  await page.getByLabel('Country').selectOption('TR');
  await page.getByRole('button', { name: /Place order/ }).click();
  await page.waitForURL(/\/store\/orders\/[A-Z0-9]+\?placed=1/);
  await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Your order is placed');
  return new URL(page.url()).pathname.split('/').pop()!;
}

/** Opens the order, follows it to delivered, and rates the gift. */
export async function employeeRates(page: Page, baseUrl: string, name: string, orderId: string): Promise<void> {
  await signInAs(page, baseUrl, name);
  await page.goto(`${baseUrl}/store/orders/${orderId}`);
  await expect.poll(() => page.getByText('Delivered').first().isVisible()).toBe(true);
  await page.getByRole('radio', { name: '9' }).check();
  await page.getByLabel('Comment (optional)').fill('Çok güzel, teşekkürler!');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect.poll(() => page.getByText('Thank you for your feedback!').isVisible()).toBe(true);
}

/**
 * Steps of the portals' end-to-end flow (issue 7) for the partner console and the recipient's
 * tracking page, driven through the UI with role and label locators, in English. Fulfilment is
 * asynchronous, so the partner's list is refreshed until the order's shipment shows up.
 */
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';

const PARTNER = 'Kargo Express Fulfilment';

/** The UI language is remembered in localStorage; the steps read English labels. */
async function useEnglish(page: Page): Promise<void> {
  await page.evaluate("localStorage.setItem('gifting.locale', 'en')");
  await page.reload();
}

/** Lists keep showing the last page while the next loads (marked aria-busy): waits for the new one. */
async function settled(page: Page): Promise<void> {
  await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached' });
}

/** The row of the order's shipment in the current list, paging and refreshing until it appears (fulfilment is asynchronous). */
async function findShipmentRow(page: Page, orderId: string, timeoutMs = 15_000): Promise<Locator> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.getByRole('table').or(page.getByText('No shipments with this status.')).first().waitFor();
    await settled(page);
    for (;;) {
      const row = page.getByRole('row').filter({ hasText: orderId });
      if (await row.count()) return row.first();
      const next = page.getByRole('button', { name: 'Next page' });
      if (!(await next.isVisible()) || (await next.isDisabled())) break;
      await next.click();
      await settled(page);
    }
    if (Date.now() > deadline) throw new Error(`no pending shipment of order ${orderId} in the partner console`);
    await page.waitForTimeout(500);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await settled(page);
  }
}

/** Posts an event through one of the shipment page's actions and waits for "Recorded: <status>." */
async function expectRecorded(page: Page, statusLabel: string): Promise<void> {
  await page.getByRole('status').filter({ hasText: `Recorded: ${statusLabel}.` }).waitFor();
}

/**
 * Signs in as the demo partner, opens the pending shipment of `orderId`, creates its label
 * (carrier yurtici), marks it shipped, then reports it delivered through the event form.
 * Returns the shipment's tracking token, read from the order (the partner never sees it) with
 * the demo HR admin's token from the local sign-in's user list.
 */
export async function partnerShips(page: Page, baseUrl: string, orderId: string): Promise<string> {
  await page.goto(`${baseUrl}/signin`);
  await useEnglish(page);
  await page.getByRole('button', { name: `Sign in as ${PARTNER}` }).click();
  await page.waitForURL(/\/partner$/);
  await page.getByRole('link', { name: 'To prepare' }).and(page.locator('[aria-current="page"]')).waitFor();

  const row = await findShipmentRow(page, orderId);
  await row.getByRole('link').first().click();
  await page.getByRole('heading', { level: 1, name: /^Shipment / }).waitFor();
  await page.getByRole('heading', { name: 'Ship to' }).waitFor();

  const trackingNumber = `YK${Date.now()}`;
  await page.getByLabel('Carrier code').fill('yurtici');
  await page.getByLabel('Tracking number').fill(trackingNumber);
  await page.getByRole('button', { name: 'Save label' }).click();
  await expectRecorded(page, 'Label created');

  await page.getByRole('button', { name: 'Mark shipped' }).click();
  await expectRecorded(page, 'Shipped');

  await page.getByLabel('Status', { exact: true }).selectOption('delivered');
  await page.getByRole('button', { name: 'Post event' }).click();
  await expectRecorded(page, 'Delivered');
  await page.getByText('Nothing left to do: this shipment is complete.').waitFor();
  const facts = page.getByRole('region', { name: 'Details' });
  assert.ok((await facts.textContent())?.includes(trackingNumber), 'the shipment shows its tracking number');

  const users = (await (await page.request.get(`${baseUrl}/_local/auth/users`)).json()) as { role: string; token: string }[];
  const hr = users.find((u) => u.role === 'hr_admin');
  assert.ok(hr, 'the local sign-in lists an HR admin');
  const res = await page.request.get(`${baseUrl}/v1/orders/${encodeURIComponent(orderId)}`, { headers: { authorization: `Bearer ${hr.token}` } });
  assert.equal(res.status(), 200);
  const order = (await res.json()) as { shipments: { trackingNumber: string | null; trackingUrl: string | null }[] };
  const shipment = order.shipments.find((s) => s.trackingNumber === trackingNumber);
  const token = shipment?.trackingUrl?.split('/').pop();
  assert.ok(token, 'the shipped shipment has a tracking link');
  return token;
}

/** Opens the recipient's tracking page and checks that it says the gift was delivered. */
export async function recipientTracks(page: Page, baseUrl: string, token: string): Promise<void> {
  await page.goto(`${baseUrl}/track/${encodeURIComponent(token)}`);
  await useEnglish(page);
  await page.getByRole('heading', { level: 1, name: 'Track your gift' }).waitFor();
  const status = page.getByRole('region', { name: 'Status' });
  await status.getByText('Your gift has been delivered.').waitFor();
  assert.equal(await status.locator('.badge').first().textContent(), 'Delivered');
  const steps = page.getByRole('list', { name: 'Delivery progress' }).getByRole('listitem');
  assert.equal(await steps.count(), 6);
  assert.match((await steps.last().textContent()) ?? '', /Delivered.*\(done\)/);
  await page.getByRole('list', { name: 'History' }).getByText('Delivered').first().waitFor();
}

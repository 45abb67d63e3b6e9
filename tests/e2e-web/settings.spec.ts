import { expect, test } from '@playwright/test';
import { call } from './helpers';

test.afterEach(async ({ request }) => {
  await call(request, 'settings.update', { staleAfterSec: 30 });
});

test('shows the server’s objection next to the field, and saves valid values', async ({ page }) => {
  await page.goto('/#/settings');
  const stale = page.getByLabel('Stale data warning after');
  await expect(stale).toHaveValue('30');

  await stale.fill('1');
  await page.getByRole('button', { name: 'Save changes' }).click();
  const error = page.locator('#setting-staleAfterSec-error');
  await expect(error).toBeVisible();
  await expect(stale).toHaveAttribute('aria-invalid', 'true');
  await expect(stale).toBeFocused();

  await stale.fill('45');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await expect(error).toHaveCount(0);
  expect(((await call(page.request, 'settings.get')) as { staleAfterSec: number }).staleAfterSec).toBe(45);
});

test('switches theme at once', async ({ page }) => {
  await page.goto('/#/settings');
  await page.getByRole('radio', { name: 'Light' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

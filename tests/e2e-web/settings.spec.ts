import { expect, test } from '@playwright/test';
import { call } from './helpers';

test.afterEach(async ({ request }) => {
  await call(request, 'settings.update', { staleAfterSec: 30, anomalies: { minContacts: 20, minRatio: 1.5, fdr: 0.05, windowDays: 28, live: true } });
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

test('edits anomaly detection, naming the allowed range in words', async ({ page }) => {
  await page.goto('/#/settings');
  const section = page.getByTestId('settings-anomalies');
  await expect(section.getByRole('heading', { name: 'Anomaly detection' })).toBeVisible();
  const fdr = section.getByLabel('Accepted false alarms');
  await expect(fdr).toHaveValue('5');

  await fdr.fill('80');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.locator('#setting-anomalies-fdr-error')).toHaveText('Enter a number from 0.01 to 50.');
  await expect(fdr).toBeFocused();

  await fdr.fill('1');
  await section.getByLabel('Minimum contacts').fill('40');
  await section.getByLabel('Scan live data automatically').uncheck();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  const saved = (await call(page.request, 'settings.get')) as { anomalies: unknown };
  expect(saved.anomalies).toEqual({ minContacts: 40, minRatio: 1.5, fdr: 0.01, windowDays: 28, live: false });
});

import { expect, test } from '@playwright/test';
import { call, shot, waitForLive, waitForWallboard } from './helpers';

test.afterEach(async ({ request }) => {
  await call(request, 'settings.update', { locale: 'en' });
});

test('Persian turns the whole console right to left, with Persian digits and calendar', async ({ page }) => {
  await page.goto('/#/settings');
  const picker = page.getByTestId('language-picker');
  await picker.selectOption('fa');
  const html = page.locator('html');
  await expect(html).toHaveAttribute('dir', 'rtl');
  await expect(html).toHaveAttribute('lang', 'fa');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('تنظیمات');

  await page.goto('/#/live');
  await waitForLive(page);
  await expect(html).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('.site-clock__time')).toHaveText(/^[۰-۹]{2}:[۰-۹]{2}:[۰-۹]{2}$/);
  // The navigation sits on the right in a right-to-left layout.
  const nav = await page.getByRole('navigation').boundingBox();
  expect(nav!.x).toBeGreaterThan(960);
  await page.screenshot({ path: shot('live-fa.png') });

  await page.goto('/#/wallboard');
  await waitForWallboard(page);
  await page.screenshot({ path: shot('wallboard-fa.png') });

  // Back to English from the picker itself: the choice is persisted through settings.update.
  await page.goto('/#/settings');
  await page.getByTestId('language-picker').selectOption('en');
  await expect(html).toHaveAttribute('dir', 'ltr');
  expect(((await call(page.request, 'settings.get')) as { locale: string }).locale).toBe('en');
});

test('Chinese and Estonian translate the console', async ({ page, request }) => {
  await call(request, 'settings.update', { locale: 'zh' });
  await page.goto('/#/live');
  await waitForLive(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('实时控制台');

  await call(request, 'settings.update', { locale: 'et' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reaalajas töölaud');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
});

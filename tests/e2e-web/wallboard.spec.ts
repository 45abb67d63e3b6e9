import { expect, test } from '@playwright/test';
import { shot, waitForWallboard } from './helpers';

test('wall-board figures are large enough to read across a room', async ({ page }) => {
  await page.goto('/#/wallboard');
  await waitForWallboard(page);
  await expect(page.getByRole('navigation')).toHaveCount(0);
  const sizes = await page
    .getByTestId('wallboard-figure')
    .evaluateAll((els) => els.map((el) => parseFloat(el.ownerDocument.defaultView?.getComputedStyle(el).fontSize ?? '0')));
  expect(sizes.length).toBeGreaterThanOrEqual(1);
  for (const size of sizes) expect(size).toBeGreaterThanOrEqual(48);
  await page.screenshot({ path: shot('wallboard-en.png') });
});

test('wall-board figures scale up on a 4K screen', async ({ page }) => {
  await page.setViewportSize({ width: 3840, height: 2160 });
  await page.goto('/#/wallboard');
  await waitForWallboard(page);
  const size = await page
    .getByTestId('wallboard-figure')
    .first()
    .evaluate((el) => parseFloat(el.ownerDocument.defaultView?.getComputedStyle(el).fontSize ?? '0'));
  expect(size).toBeGreaterThanOrEqual(96);
});

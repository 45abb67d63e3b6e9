import { expect, test } from '@playwright/test';
import { call, waitForLive } from './helpers';

// The feed resumes with the simulator's next event, which can be tens of seconds away on a calm floor.
test.setTimeout(180_000);

test.afterEach(async ({ request }) => {
  await call(request, 'simulator.setRunning', { running: true });
  await call(request, 'settings.update', { staleAfterSec: 30 });
});

test('says when the live feed stops, and clears by itself when it resumes', async ({ page, request }) => {
  await call(request, 'settings.update', { staleAfterSec: 3 });
  await page.goto('/#/live');
  await waitForLive(page);
  const banner = page.getByTestId('stale-banner');

  await call(request, 'simulator.setRunning', { running: false });
  await expect(banner).toBeVisible({ timeout: 30_000 });
  await expect(banner).toContainText(/No new data since \d{2}:\d{2}:\d{2}/);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'stale');

  await call(request, 'simulator.setRunning', { running: true });
  await expect(banner).toBeHidden({ timeout: 120_000 });
});

test('the wall-board shows the stale banner too', async ({ page, request }) => {
  await call(request, 'settings.update', { staleAfterSec: 3 });
  await page.goto('/#/wallboard');
  await call(request, 'simulator.setRunning', { running: false });
  await expect(page.getByTestId('stale-banner')).toBeVisible({ timeout: 30_000 });
  await call(request, 'simulator.setRunning', { running: true });
  await expect(page.getByTestId('stale-banner')).toBeHidden({ timeout: 120_000 });
});

import { expect, test } from '@playwright/test';
import { shot, waitForLive } from './helpers';

const CHANNELS = ['voice', 'chat', 'email', 'social', 'sms'];

test.describe('live console', () => {
  test('shows one tile per channel, and their counts move with the live feed', async ({ page }) => {
    await page.goto('/#/live');
    await waitForLive(page);
    const tiles = page.locator('[data-testid="queue-tile"][data-channel]:not([data-queue])');
    expect(await tiles.evaluateAll((els) => els.map((el) => el.getAttribute('data-channel')))).toEqual(CHANNELS);
    // Every tile says its state in words, not only in colour.
    for (const tile of await tiles.all()) await expect(tile.locator('.status__word')).toHaveText(/\S/);

    const counts = () =>
      page
        .locator('[data-testid="tile-waiting"], [data-testid="tile-answered"], [data-testid="tile-abandoned"]')
        .allTextContents()
        .then((texts) => texts.join('|'));
    const before = await counts();
    await expect.poll(counts, { timeout: 60_000, message: 'tile counts never changed' }).not.toBe(before);
    await page.screenshot({ path: shot('live-en.png') });
  });

  test('lists queues under their channel', async ({ page }) => {
    await page.goto('/#/live');
    await waitForLive(page);
    const queues = page.locator('[data-testid="queue-tile"][data-queue]');
    await expect(queues.first()).toBeVisible();
    const channels = await queues.evaluateAll((els) => els.map((el) => el.getAttribute('data-channel') ?? ''));
    expect(channels.every((c) => CHANNELS.includes(c))).toBe(true);
  });

  test('sorts the waiting list by urgency, most urgent first', async ({ page }) => {
    await page.goto('/#/live');
    await waitForLive(page);
    const rows = page.getByTestId('waiting-row');
    await expect(rows.first()).toBeVisible({ timeout: 60_000 });
    // Read every row in one go: the order is recomputed each second as waits grow.
    const urgencies = await rows.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-urgency'))));
    expect(urgencies.length).toBeGreaterThanOrEqual(1);
    expect(urgencies.every((u) => Number.isFinite(u) && u >= 0)).toBe(true);
    for (let i = 1; i < urgencies.length; i += 1) expect(urgencies[i]!).toBeLessThanOrEqual(urgencies[i - 1]!);
  });

  test('filters the waiting list by channel from the keyboard', async ({ page }) => {
    await page.goto('/#/live');
    await waitForLive(page);
    const rows = page.getByTestId('waiting-row');
    await expect(rows.first()).toBeVisible({ timeout: 60_000 });
    const channel = (await rows.first().getAttribute('data-channel')) ?? 'email';
    const picker = page.getByRole('combobox', { name: 'Channel' });
    await picker.focus();
    await picker.selectOption(channel);
    await expect(rows.first()).toBeVisible();
    const shown = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-channel')));
    expect(new Set(shown)).toEqual(new Set([channel]));
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(picker).toHaveValue('');
  });

  test('is keyboard usable: skip link, navigation links, visible focus', async ({ page }) => {
    await page.goto('/#/live');
    await waitForLive(page);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.locator('main#main')).toBeFocused();

    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await expect(nav.getByRole('link', { name: 'Live console' })).toHaveAttribute('aria-current', 'page');
    const settingsLink = nav.getByRole('link', { name: 'Settings' });
    await settingsLink.focus();
    const outline = await settingsLink.evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/settings$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  });

  test('every screen of the navigation opens with its title and real content', async ({ page }) => {
    for (const [route, title, content] of [
      ['anomalies', 'Anomalies', /Unanswered rate by local hour and segment/],
      ['coaching', 'Coaching', /Schedule|Week|Day/],
      ['review', 'Offline review', /KPIs/],
      ['data', 'Data', /Import/],
    ] as const) {
      await page.goto(`/#/${route}`);
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await expect(page.locator('main')).toContainText(content);
      await expect(page.locator('main')).not.toContainText(/todo|coming soon/i);
    }
  });
});

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const SCREENSHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/screenshots');

/** Calls the host API as the console does and returns the result (fails the test on an error envelope). */
export async function call(request: APIRequestContext, method: string, input: Record<string, unknown> = {}): Promise<unknown> {
  const response = await request.post(`/api/${method}`, { data: input });
  const body = (await response.json()) as { ok: boolean; result?: unknown; error?: { message: string } };
  expect(body.ok, body.error?.message).toBe(true);
  return body.result;
}

/** Waits until live data is on screen and the fonts are laid out, so screenshots are final. */
export async function waitForLive(page: Page): Promise<void> {
  await expect(page.locator('[data-testid="queue-tile"][data-channel]:not([data-queue])')).toHaveCount(5);
  await fontsReady(page);
}

/** Page-side code reaches the document through an element: this config has no DOM typings. */
export async function fontsReady(page: Page): Promise<void> {
  await page.locator('html').evaluate((html) => html.ownerDocument.fonts.ready.then(() => undefined));
}

export async function waitForWallboard(page: Page): Promise<void> {
  await expect(page.getByTestId('wallboard-figure').first()).toBeVisible();
  await fontsReady(page);
}

export function shot(name: string): string {
  return path.join(SCREENSHOTS, name);
}

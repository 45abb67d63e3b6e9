import { expect, test, type Page } from '@playwright/test';
import { call, fontsReady, shot } from './helpers';

interface SegmentRule {
  kind: 'prefix' | 'queue' | 'did';
  pattern: string;
  segment: string;
}
interface SegmentSettings {
  segmentRules: SegmentRule[];
  segmentWeights: Record<string, number>;
  locale: string;
}

let found: SegmentSettings;

test.beforeAll(async ({ request }) => {
  const settings = (await call(request, 'settings.get')) as SegmentSettings;
  found = { segmentRules: settings.segmentRules, segmentWeights: settings.segmentWeights, locale: settings.locale };
});

// Leaves the host's settings as this file found them, whatever happened in between.
test.afterAll(async ({ request }) => {
  await call(request, 'settings.update', { ...found });
});

const rulesNow = async (page: Page) => ((await call(page.request, 'settings.get')) as SegmentSettings).segmentRules;

test('adds a caller prefix rule, saves it for the core, and removes it again', async ({ page }) => {
  await page.goto('/#/settings');
  const section = page.getByTestId('settings-segments');
  await expect(section.getByRole('heading', { name: 'Customer segments' })).toBeVisible();
  await expect(section.getByText('the longest pattern wins')).toBeVisible();

  const row = found.segmentRules.length + 1;
  await section.getByRole('button', { name: 'Add rule' }).click();
  const kind = section.getByLabel(`Match on, rule ${row}`, { exact: true });
  await expect(kind).toBeFocused();
  await kind.selectOption({ label: 'Caller prefix' });
  await section.getByLabel(`Pattern, rule ${row}`, { exact: true }).fill('+37255');
  await section.getByLabel(`Segment, rule ${row}`, { exact: true }).fill('E2E Mobile');
  await section.getByRole('button', { name: 'Save segments' }).click();

  await expect(section.getByRole('status')).toHaveText('Saved. History has been re-segmented: reports, KPIs and anomalies use the new rules.');
  expect(await rulesNow(page)).toContainEqual({ kind: 'prefix', pattern: '+37255', segment: 'E2E Mobile' });
  // What was saved comes back from the server as the table's rows.
  await expect(section.getByLabel(`Pattern, rule ${row}`, { exact: true })).toHaveValue('+37255');

  await section.getByRole('button', { name: `Remove rule ${row}: Caller prefix +37255` }).click();
  await expect(section.getByLabel(`Pattern, rule ${row}`, { exact: true })).toHaveCount(0);
  await section.getByRole('button', { name: 'Save segments' }).click();
  await expect(section.getByRole('status')).toHaveText(/History has been re-segmented/);
  expect(await rulesNow(page)).toEqual(found.segmentRules);
});

test('says in words what is wrong, beside the field, and saves nothing', async ({ page }) => {
  await page.goto('/#/settings');
  const section = page.getByTestId('settings-segments');
  await expect(section.getByRole('heading', { name: 'Customer segments' })).toBeVisible();
  const first = found.segmentRules.length + 1;

  await section.getByRole('button', { name: 'Add rule' }).click();
  await section.getByLabel(`Segment, rule ${first}`, { exact: true }).fill('VIP');
  await section.getByRole('button', { name: 'Add rule' }).click();
  await section.getByLabel(`Pattern, rule ${first + 1}`, { exact: true }).fill('8001');
  await section.getByLabel(`Segment, rule ${first + 1}`, { exact: true }).fill('Hotline');
  await section.getByRole('button', { name: 'Add rule' }).click();
  await section.getByLabel(`Pattern, rule ${first + 2}`, { exact: true }).fill('8001');
  await section.getByLabel(`Segment, rule ${first + 2}`, { exact: true }).fill('Other');
  await section.getByRole('button', { name: 'Save segments' }).click();

  const empty = section.getByLabel(`Pattern, rule ${first}`, { exact: true });
  await expect(empty).toBeFocused();
  await expect(empty).toHaveAttribute('aria-invalid', 'true');
  await expect(empty).toHaveAccessibleDescription('This cannot be empty.');
  const duplicate = section.getByLabel(`Pattern, rule ${first + 2}`, { exact: true });
  await expect(duplicate).toHaveAccessibleDescription(`Rule ${first + 1} already has this kind and pattern.`);
  await expect(section.getByRole('status')).toHaveText('Some rows need attention. See the marked fields.');

  // Another kind with the same pattern is a different rule.
  await section.getByLabel(`Match on, rule ${first + 2}`, { exact: true }).selectOption({ label: 'Dialled number' });
  await expect(duplicate).not.toHaveAttribute('aria-invalid', 'true');

  await section.getByRole('button', { name: 'Discard changes' }).click();
  await expect(section.getByLabel(`Pattern, rule ${first}`, { exact: true })).toHaveCount(0);
  expect(await rulesNow(page)).toEqual(found.segmentRules);
});

test('edits urgency weights within the contract’s bounds', async ({ page }) => {
  await page.goto('/#/settings');
  const section = page.getByTestId('settings-segments');
  const row = Object.keys(found.segmentWeights).length + 1;
  await section.getByRole('button', { name: 'Add weight' }).click();
  const segment = section.getByLabel(`Segment, weight row ${row}`, { exact: true });
  await expect(segment).toBeFocused();
  await segment.fill('E2E Gold');
  const weight = section.getByLabel(`Weight, weight row ${row}`, { exact: true });
  await weight.fill('12');
  await section.getByRole('button', { name: 'Save segments' }).click();
  await expect(weight).toHaveAccessibleDescription('Enter a number above 0 and at most 10.');
  await expect(weight).toBeFocused();

  await weight.fill('2.5');
  await section.getByRole('button', { name: 'Save segments' }).click();
  await expect(section.getByRole('status')).toHaveText('Saved. Waiting contacts are ranked with the new weights.');
  const saved = (await call(page.request, 'settings.get')) as SegmentSettings;
  expect(saved.segmentWeights).toEqual({ ...found.segmentWeights, 'E2E Gold': 2.5 });
  await call(page.request, 'settings.update', { segmentWeights: found.segmentWeights });
});

test('screenshots of the section in English and Persian', async ({ page }) => {
  await call(page.request, 'settings.update', {
    segmentRules: [
      { kind: 'prefix', pattern: '+3725', segment: 'Mobile' },
      { kind: 'queue', pattern: 'Sales', segment: 'Business' },
      { kind: 'did', pattern: '8001234', segment: 'VIP' },
    ],
    segmentWeights: { VIP: 1.5, Business: 1.2 },
  });
  for (const locale of ['en', 'fa'] as const) {
    await call(page.request, 'settings.update', { locale });
    await page.goto('/#/settings');
    await expect(page.locator('html')).toHaveAttribute('dir', locale === 'fa' ? 'rtl' : 'ltr');
    const section = page.getByTestId('settings-segments');
    await expect(section.locator('tbody tr')).toHaveCount(5);
    await fontsReady(page);
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot(`settings-segments-${locale}.png`) });
  }
});

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { addLocalDays, localDate, localDayStartOf } from '../../shared/domain/time';
import { call, fontsReady, shot } from './helpers';

/**
 * Offline review against the host: two weeks of known history are imported through the ordinary
 * NDJSON path, then a range is set, a segment filtered, the weeks compared, and the KPI CSV and
 * the PDF report downloaded and read back (the PDF's first page through pdftoppm).
 */
const GOLD = 'طلایی';
const CARD = '金卡';
const QUEUE = 'Review QA';
const SEGMENTS = [GOLD, CARD, 'Standard'];
/** Contacts per day in the newer and the older week; every third is GOLD, every fifth abandoned. */
const PER_DAY = { newer: 30, older: 21 };

let zone = 'UTC';
let today = '';
const expected = { newerGold: 0, olderGold: 0 };

test.beforeAll(async ({ request }) => {
  const info = (await call(request, 'app.info')) as { timezone: string };
  zone = info.timezone;
  today = localDate(zone, Date.now());
  const lines: string[] = [];
  for (let d = 1; d <= 14; d++) {
    const date = addLocalDays(today, -d);
    const n = d <= 7 ? PER_DAY.newer : PER_DAY.older;
    for (let k = 0; k < n; k++) {
      const at = localDayStartOf(zone, date) + 9 * 3_600_000 + k * 11 * 60_000;
      const id = `review-${date}-${k}`;
      const segment = SEGMENTS[k % 3]!;
      if (segment === GOLD) expected[d <= 7 ? 'newerGold' : 'olderGold']++;
      lines.push(JSON.stringify({ type: 'enqueued', id, at, channel: 'voice', queue: QUEUE, customer: `+98912${String(d * 100 + k).padStart(6, '0')}`, segment }));
      if (k % 5 === 4) lines.push(JSON.stringify({ type: 'abandoned', id, at: at + 40_000 }));
      else {
        lines.push(JSON.stringify({ type: 'answered', id, at: at + (5 + k) * 1000, agent: 'QA Agent' }));
        lines.push(JSON.stringify({ type: 'closed', id, at: at + 180_000 }));
      }
    }
  }
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fw-review-e2e-')), 'history.ndjson');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  const job = (await call(request, 'import.start', { path: file, format: 'ndjson' })) as { jobId: string };
  await expect
    .poll(async () => ((await call(request, 'import.jobs')) as { jobId: string; state: string }[]).find((j) => j.jobId === job.jobId)?.state, { timeout: 30_000 })
    .toBe('done');
});

test.afterEach(async ({ request }) => {
  await call(request, 'settings.update', { locale: 'en' });
});

async function openLastWeek(page: Page) {
  const from = addLocalDays(today, -7);
  const to = addLocalDays(today, -1);
  await page.goto('/#/review');
  await page.getByTestId('range-custom').click();
  await page.getByTestId('range-from').fill(from);
  await page.getByTestId('range-to').fill(to);
  await expect(page).toHaveURL(new RegExp(`range=custom&from=${from}&to=${to}`));
  return { from, to };
}

test('a range and a segment filter, two weeks compared, kept in the URL', async ({ page }) => {
  const { from } = await openLastWeek(page);
  await page.getByTestId('filter-segment').selectOption(GOLD);
  await expect(page).toHaveURL(/segment=/);

  const compare = page.getByTestId('compare-panel');
  const offered = compare.locator('tr[data-metric="offered"] td');
  await expect(offered.nth(0)).toHaveText(String(expected.newerGold));
  await expect(offered.nth(1)).toHaveText(String(expected.olderGold));
  await expect(offered.nth(2)).toContainText(`+${expected.newerGold - expected.olderGold}`);
  // The period before, shown in the locale's date format (en-GB: dd/mm/yyyy).
  const [y, m, d] = addLocalDays(from, -7).split('-');
  await expect(compare).toContainText(`${d}/${m}/${y}`);

  // Every listed contact is of the segment; one opens its timeline (entry … end).
  const rows = page.getByTestId('contact-row');
  await expect(rows.first()).toContainText(GOLD);
  await rows.first().click();
  const timeline = page.getByTestId('contact-timeline');
  await expect(timeline).toContainText(QUEUE);
  expect(await timeline.locator('li').count()).toBeGreaterThanOrEqual(2);

  // The URL alone restores the view.
  const url = page.url();
  await page.goto('about:blank');
  await page.goto(url);
  await expect(page.getByTestId('filter-segment')).toHaveValue(GOLD);
  await expect(page.getByTestId('compare-panel').locator('tr[data-metric="offered"] td').first()).toHaveText(String(expected.newerGold));
});

test('exports the KPI table to CSV (read back) and the view to PDF (first page rendered)', async ({ page }) => {
  const { from, to } = await openLastWeek(page);
  await page.getByTestId('filter-queue').selectOption(QUEUE);
  await expect(page.getByTestId('kpi-table').locator('tbody tr')).toHaveCount(7);
  await expect(page.getByTestId('contact-row').first()).toContainText(QUEUE);

  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-kpis-csv').click()]);
  const csvFile = path.join(os.tmpdir(), `fw-review-${Date.now()}.csv`);
  await csvDownload.saveAs(csvFile);
  const bytes = fs.readFileSync(csvFile);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...rows] = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
  // The columns of `floorwatch kpis --csv` (the unit tests compare the bytes).
  expect(header).toMatch(/^day,offered,answered,unanswered,abandoned,shortAbandoned,answeredInTarget,serviceLevel,answerRate,abandonRate,asaSec,avgWaitSec,ahtSec(,|$)/);
  expect(rows).toHaveLength(7);
  expect(rows[0]!.split(',').slice(0, 2)).toEqual([from, String(PER_DAY.newer)]);
  expect(rows[6]!.startsWith(`${to},`)).toBe(true);
  // The same rows the API gives the screen.
  const table = (await call(page.request, 'review.kpis', { filters: { from, to, queue: QUEUE }, by: ['day'] })) as { rows: Record<string, unknown>[] };
  expect(rows.map((r) => Number(r.split(',')[1]))).toEqual(table.rows.map((r) => r.offered));

  const [pdfDownload] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-pdf').click()]);
  const pdfFile = path.join(os.tmpdir(), `fw-review-${Date.now()}.pdf`);
  await pdfDownload.saveAs(pdfFile);
  expect(fs.readFileSync(pdfFile).subarray(0, 5).toString()).toBe('%PDF-');
  const prefix = shot('review-pdf-page1');
  execFileSync('pdftoppm', ['-png', '-r', '110', '-f', '1', '-l', '1', '-singlefile', pdfFile, prefix]);
  const png = fs.readFileSync(`${prefix}.png`);
  expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
  // A4 landscape at 110 dpi: about 1286 × 909 pixels.
  expect(png.readUInt32BE(16)).toBeGreaterThan(1200);
  expect(png.readUInt32BE(20)).toBeGreaterThan(850);
});

test('the KPI table by agent: the same week for the agent with and without a queue filter', async ({ page }) => {
  await openLastWeek(page);
  await page.getByTestId('group-by').selectOption('agent');
  const table = page.getByTestId('kpi-table');
  const agentRow = table.locator('tbody tr').filter({ has: page.locator('th', { hasText: 'QA Agent' }) });
  // 30 contacts a day for the 7 days, every fifth abandoned: QA Agent answered 24 a day. The
  // first figures are offered and answered (the contacts an agent answered are its offered ones).
  const week = String(7 * (PER_DAY.newer - PER_DAY.newer / 5));
  await expect(agentRow.locator('td').nth(0)).toHaveText(week);
  await expect(agentRow.locator('td').nth(1)).toHaveText(week);
  await fontsReady(page);
  await page.screenshot({ path: shot('review-by-agent-en.png') });
  // With a queue filter the agent's figures come from the per-queue rows: the same week.
  await page.getByTestId('filter-queue').selectOption(QUEUE);
  await expect(page).toHaveURL(/queue=/);
  await expect(agentRow.locator('td').nth(0)).toHaveText(week);
  await expect(agentRow.locator('td').nth(1)).toHaveText(week);
});

for (const locale of ['en', 'fa'] as const) {
  test(`screenshot of the review screen (${locale})`, async ({ page, request }) => {
    await call(request, 'settings.update', { locale });
    await openLastWeek(page);
    await page.getByTestId('filter-queue').selectOption(QUEUE);
    await expect(page.getByTestId('kpi-table').locator('tbody tr')).toHaveCount(7);
    await expect(page.getByTestId('contact-row').nth(1)).toContainText(QUEUE);
    await page.getByTestId('contact-row').nth(1).click();
    await expect(page.getByTestId('contact-timeline')).toContainText(QUEUE);
    if (locale === 'fa') await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    // Opening the row scrolled the page: the picture starts at the top of the screen.
    await page.locator('#main').evaluate((main) => main.scrollTo(0, 0));
    await fontsReady(page);
    await page.screenshot({ path: shot(`review-${locale}.png`) });
    if (locale === 'fa') {
      // Persian text in the PDF is shaped by the browser: render its first page to look at.
      const [pdf] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-pdf').click()]);
      const file = path.join(os.tmpdir(), `fw-review-fa-${Date.now()}.pdf`);
      await pdf.saveAs(file);
      execFileSync('pdftoppm', ['-png', '-r', '110', '-f', '1', '-l', '1', '-singlefile', file, shot('review-pdf-fa-page1')]);
    }
  });
}

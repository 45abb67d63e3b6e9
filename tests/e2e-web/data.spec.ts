import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { call, fontsReady, shot } from './helpers';

const PWC = '/work/shared/data/public/pwc-call-center-2021q1/Call-Center-Dataset.csv';

let dir: string;
test.beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'floorwatch-data-e2e-'));
});
test.afterAll(async ({ request }) => {
  await call(request, 'settings.update', { locale: 'en' });
  for (const source of (await call(request, 'sources.list')) as { id: number }[]) await call(request, 'sources.remove', { id: source.id });
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * A small queue_log: answered and abandoned calls three days back (so today's live figures are
 * not touched), one DID line, one event Floorwatch does not know, and one damaged line. Returns
 * the file's text and the 1-based number of the damaged line.
 */
function queueLog(calls: number, prefix: string): { text: string; damagedLine: number; unknown: string } {
  const t0 = Math.floor(Date.now() / 1000) - 3 * 86400;
  const lines: string[] = [];
  let damagedLine = 0;
  for (let i = 0; i < calls; i += 1) {
    const t = t0 + i * 60;
    const id = `${prefix}${t}.${i}`;
    const queue = ['Support', 'Sales'][i % 2]!;
    lines.push(`${t}|${id}|${queue}|NONE|ENTERQUEUE||+37255500${String(i).padStart(2, '0')}|1`);
    if (i % 4 === 3) {
      lines.push(`${t + 25}|${id}|${queue}|NONE|ABANDON|1|1|25`);
    } else {
      lines.push(`${t + 9}|${id}|${queue}|SIP/100${i % 3}|CONNECT|9|${id}|2`);
      lines.push(`${t + 100}|${id}|${queue}|SIP/100${i % 3}|COMPLETECALLER|9|91|1`);
    }
    if (i === 5) {
      lines.push('17x0000000|garbled|line');
      damagedLine = lines.length;
      lines.push(`${t + 1}|${id}|${queue}|NONE|MYCUSTOMEVENT|a|b`);
    }
  }
  return { text: `${lines.join('\n')}\n`, damagedLine, unknown: 'MYCUSTOMEVENT' };
}

async function importFile(page: Page, file: string, format: RegExp) {
  await page.getByTestId('import-file-input').setInputFiles(file);
  await expect(page.getByTestId('staged-file')).toContainText(format);
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-report')).toBeVisible();
}

test('uploads and imports a queue_log, reports the damaged line by number, and lists the run', async ({ page }) => {
  const log = queueLog(12, 'up');
  const file = path.join(dir, 'queue_log');
  fs.writeFileSync(file, log.text);

  await page.goto('/#/data');
  await expect(page.getByTestId('drop-zone')).toBeVisible();
  await page.getByTestId('import-file-input').setInputFiles(file);
  await expect(page.getByTestId('staged-file')).toContainText('Asterisk queue_log');
  await expect(page.getByTestId('preview-lines')).toContainText('ENTERQUEUE');
  await page.getByTestId('import-start').click();

  const report = page.getByTestId('import-report');
  await expect(report).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('import-progress')).toHaveAttribute('data-phase', 'done');
  await expect(page.getByTestId('report-contacts')).toHaveText('12');
  await expect(page.getByTestId('report-new')).toHaveText('12');
  await expect(page.getByTestId('report-rejected')).toHaveText('1');
  const rejected = page.getByTestId('rejected-row');
  await expect(rejected).toHaveCount(1);
  await expect(rejected).toHaveAttribute('data-line', String(log.damagedLine));
  await expect(rejected.locator('td').first()).toHaveText(String(log.damagedLine));
  await expect(report).toContainText(log.unknown);

  const run = page.getByTestId('history-row').first();
  await expect(run).toHaveAttribute('data-status', 'done');
  await expect(run).toContainText('queue_log');

  // The same file again: nothing new, nothing duplicated.
  await page.getByRole('button', { name: 'Import another file' }).click();
  await importFile(page, file, /Asterisk queue_log/);
  await expect(page.getByTestId('report-new')).toHaveText('0');
  await expect(page.getByTestId('report-contacts')).toHaveText('12');
});

test('follows a queue_log added as a live source: appended lines raise its applied count', async ({ page }) => {
  const file = path.join(dir, 'live_queue_log');
  const log = queueLog(3, 'tail');
  fs.writeFileSync(file, log.text.split('\n').slice(0, 3).join('\n') + '\n');

  await page.goto('/#/data');
  await page.getByTestId('add-source').click();
  const form = page.getByTestId('source-form');

  // The server's own check, shown beside its field.
  await form.getByLabel('Name').fill('x'.repeat(120));
  await form.getByLabel('File on this machine').fill(file);
  await form.getByRole('button', { name: 'Add source' }).click();
  await expect(form.locator('#source-new-name-error')).toBeVisible();
  await expect(form.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');

  await form.getByLabel('Name').fill('Test PBX');
  await form.getByRole('button', { name: 'Add source' }).click();
  await expect(form).toHaveCount(0);

  const row = page.getByTestId('source-row').filter({ hasText: 'Test PBX' });
  await expect(row.getByTestId('source-state')).toHaveAttribute('data-state', /following|waiting/);
  await expect(row.getByTestId('source-state')).toContainText(/Following|Waiting/);
  await expect.poll(async () => Number(await row.getByTestId('source-applied').getAttribute('data-value'))).toBeGreaterThan(0);
  const before = Number(await row.getByTestId('source-applied').getAttribute('data-value'));

  fs.appendFileSync(file, log.text.split('\n').slice(3, 9).join('\n') + '\n');
  await expect.poll(async () => Number(await row.getByTestId('source-applied').getAttribute('data-value'))).toBeGreaterThan(before);
  await expect(row.getByTestId('source-lag')).not.toHaveText('none yet');

  // Switched off, then removed after confirming.
  await row.getByRole('switch').focus();
  await page.keyboard.press('Space');
  await expect(row.getByRole('switch')).not.toBeChecked();
  await expect(row.getByTestId('source-state')).toHaveAttribute('data-state', 'disabled');
  await row.getByRole('button', { name: 'Remove' }).click();
  await expect(row.getByRole('alertdialog')).toContainText('Test PBX');
  await row.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByTestId('source-row').filter({ hasText: 'Test PBX' })).toHaveCount(0);
});

test('previews a CSV export: the PwC preset is recognised and the first rows become contacts', async ({ page }) => {
  await page.goto('/#/data');
  await page.getByTestId('import-file-input').setInputFiles(PWC);
  await expect(page.getByTestId('mapping-preset')).toHaveAttribute('data-preset', 'pwc');
  await expect(page.getByTestId('preview-rows').locator('tbody tr').first()).toContainText('ID0001');
  await expect(page.getByTestId('preview-rows').locator('thead')).toContainText('Call Id');
  const results = page.getByTestId('preview-result').locator('tbody tr');
  await expect(results.first()).toHaveAttribute('data-result', 'contact');
  expect(await results.count()).toBeGreaterThan(5);
  await expect(page.getByTestId('preview-result')).toContainText('PhoneNow');
  // Wall-clock times: the zone of the file is asked for.
  await expect(page.getByLabel('Time zone of the file')).toBeVisible();

  // Mapping by hand: the editor offers every column of the file.
  await page.getByText('Map columns').click();
  await expect(page.getByTestId('mapping-editor').locator('#map-agent')).toHaveValue('Agent');
});

test('maps the columns of an unknown CSV by hand, previews the result, and imports it', async ({ page }) => {
  const file = path.join(dir, 'helpdesk-export.csv');
  fs.writeFileSync(
    file,
    [
      'Ticket,Opened,Team,Who,Result,Wait (s),Tier',
      'T-1,2024-10-27 09:00:00,Support,ann,OK,12,Gold',
      'T-2,2024-10-27 09:01:10,Support,,LOST,45,',
      'T-3,2024-10-27 09:02:30,Sales,bob,OK,8,Gold',
      'T-4,2024-10-27 09:03:00,Sales,,TEST,0,',
      'T-5,not a time,Support,ann,OK,5,',
    ].join('\n') + '\n',
  );
  await page.goto('/#/data');
  await page.getByTestId('import-file-input').setInputFiles(file);
  await expect(page.getByTestId('staged-file')).toBeVisible();
  await page.getByTestId('import-format').selectOption('csv');
  const editor = page.getByTestId('mapping-editor');
  await expect(editor).toBeVisible();
  await expect(page.getByTestId('mapping-preset')).toHaveAttribute('data-preset', '');

  const pick = async (field: string, column: string) => {
    await editor.locator(`#map-${field}`).selectOption(column);
    await expect(editor.locator(`#map-${field}`)).toHaveValue(column);
  };
  await pick('id', 'Ticket');
  await pick('enter', 'Opened');
  await pick('queue', 'Team');
  await pick('agent', 'Who');
  await pick('segment', 'Tier');
  await pick('outcome', 'Result');
  await editor.getByLabel('Outcome for OK').selectOption('answered');
  await editor.getByLabel('Outcome for LOST').selectOption('abandoned');
  await editor.getByLabel('Outcome for TEST').selectOption('skip');

  const result = page.getByTestId('preview-result');
  await expect(result.locator('tbody tr[data-result="contact"]')).toHaveCount(3);
  await expect(result.locator('tbody tr[data-result="skip"]')).toHaveCount(1);
  const rejected = result.locator('tbody tr[data-result="reject"]');
  await expect(rejected).toHaveCount(1);
  await expect(rejected.locator('td').first()).toHaveText('6');
  await expect(page.getByTestId('preview-counts')).toHaveText('Contacts: 3 · skipped: 1 · rejected: 1');

  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-report')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('report-contacts')).toHaveText('3');
  await expect(page.getByTestId('rejected-row')).toHaveAttribute('data-line', '6');
});

test('imports a customer directory from the same screen', async ({ page }) => {
  const file = path.join(dir, 'directory.csv');
  fs.writeFileSync(file, 'Phone,Tier,Name\n+3725559001,VIP,Mari Tamm\n+3725559002,Business,Jaan Sepp\n');
  await page.goto('/#/data');
  await page.getByTestId('import-format').selectOption('customers');
  await page.getByTestId('import-file-input').setInputFiles(file);
  await expect(page.getByTestId('preview-lines')).toContainText('+3725559001');
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-report')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('import-report')).toContainText('Customers');
  await expect(page.getByTestId('report-imported')).toHaveText('2');
  await expect(page.getByTestId('report-contacts')).toHaveCount(0);
});

test('screenshots of the data screen in English and Persian', async ({ page, request }) => {
  const tail = path.join(dir, 'screenshot_queue_log');
  fs.writeFileSync(tail, queueLog(6, 'shot').text);
  await call(request, 'sources.add', { kind: 'queue_log-tail', name: 'Main PBX', config: { file: tail, site: 'Tallinn' } });
  await call(request, 'sources.add', { kind: 'ami', name: 'Backup PBX (AMI)', config: { host: '127.0.0.1', port: 1, username: 'floorwatch', secret: 'x', site: 'Tartu' } });
  const file = path.join(dir, 'queue_log-2026-11');
  fs.writeFileSync(file, queueLog(30, 'scr').text);

  await page.goto('/#/data');
  await importFile(page, file, /Asterisk queue_log/);
  await expect(page.getByTestId('source-row')).toHaveCount(2);
  await fontsReady(page);
  await page.screenshot({ path: shot('data-en.png') });

  await call(request, 'settings.update', { locale: 'fa' });
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('import-report')).toBeVisible();
  await fontsReady(page);
  await page.screenshot({ path: shot('data-fa.png') });
  await call(request, 'settings.update', { locale: 'en' });
});

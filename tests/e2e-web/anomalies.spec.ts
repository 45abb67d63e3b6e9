import { expect, test, type APIRequestContext } from '@playwright/test';
import { localToUtc } from '../../shared/domain/time';
import { call, fontsReady, shot } from './helpers';

/**
 * A crafted Asterisk queue_log with two planted anomalies, imported through the host's upload
 * path like a file dropped on the console: agent "Kadri Crafted" lets Business callers ring out
 * (avoidance), and Consumer callers at 13:00 local go unanswered far more than anyone else.
 * Callers carry their own prefixes, segmented by rules, so the simulator's directory is untouched.
 */
function craftedQueueLog(zone: string, today: Date): string {
  let seed = 12345;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const agents = ['Kadri Crafted', 'Mart Crafted', 'Liis Crafted', 'Jaan Crafted'];
  const lines: string[] = [];
  let uid = 0;
  for (let d = 21; d >= 2; d--) {
    const day = new Date(today.getTime() - d * 86_400_000);
    for (let hour = 9; hour < 17; hour++) {
      const start = localToUtc(zone, day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), hour) / 1000;
      for (let k = 0; k < 8; k++) {
        const t = Math.floor(start + k * 420 + rand() * 60);
        const id = `crafted.${++uid}`;
        const business = rand() < 0.5;
        const caller = `${business ? '+9991' : '+9992'}${String(100000 + Math.floor(rand() * 800000))}`;
        lines.push(`${t}|${id}|Support|NONE|ENTERQUEUE||${caller}|1`);
        if (!business && hour === 13 && rand() < 0.6) {
          lines.push(`${t + 40}|${id}|Support|NONE|ABANDON|1|1|40`);
          continue;
        }
        let at = t + 2;
        let agent = agents[Math.floor(rand() * agents.length)]!;
        const rna = agent === agents[0] && business ? 0.75 : 0.03;
        if (rand() < rna) {
          lines.push(`${at + 15}|${id}|Support|${agent}|RINGNOANSWER|15000`);
          at += 16;
          agent = agents[1 + Math.floor(rand() * 3)]!;
        }
        const wait = at + 4 - t;
        lines.push(`${at + 4}|${id}|Support|${agent}|CONNECT|${wait}|${id}.1|4`);
        lines.push(`${at + 184}|${id}|Support|${agent}|COMPLETECALLER|${wait}|180|1`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

async function importCrafted(request: APIRequestContext) {
  const info = (await call(request, 'app.info')) as { timezone: string };
  await call(request, 'settings.update', {
    segmentRules: [
      { kind: 'prefix', pattern: '+9991', segment: 'Business' },
      { kind: 'prefix', pattern: '+9992', segment: 'Consumer' },
    ],
  });
  const upload = await request.post('/upload?name=crafted-queue_log', { data: craftedQueueLog(info.timezone, new Date()), headers: { 'content-type': 'application/octet-stream' } });
  const { result } = (await upload.json()) as { result: { uploadId: string } };
  const job = (await call(request, 'import.start', { uploadId: result.uploadId, name: 'crafted-queue_log' })) as { jobId: string };
  await expect
    .poll(async () => ((await call(request, 'import.jobs')) as { jobId: string; state: string }[]).find((j) => j.jobId === job.jobId)?.state, { timeout: 60_000 })
    .toBe('done');
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ request }) => {
  await importCrafted(request);
});

test.afterAll(async ({ request }) => {
  await call(request, 'settings.update', { segmentRules: [], locale: 'en' });
});

test('shows the heatmap, opens a flag’s evidence and links to coaching with the agent', async ({ page }) => {
  await page.goto('/#/anomalies');
  await expect(page.getByRole('heading', { name: 'Anomalies', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Unanswered rate by local hour and segment' })).toBeVisible();
  await expect(page.getByTestId('anomaly-heatmap').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('anomaly-rna')).toBeVisible();

  const avoidance = page.locator('[data-testid="anomaly-flag"][data-kind="avoidance"]').filter({ hasText: 'Kadri Crafted' });
  await expect(avoidance).toHaveCount(1);
  await expect(page.locator('[data-testid="anomaly-flag"][data-kind="unanswered"]').filter({ hasText: 'Consumer' }).first()).toBeVisible();

  await avoidance.click();
  const detail = page.getByTestId('anomaly-detail');
  await expect(detail.getByTestId('anomaly-explanation')).toContainText('Business callers rang Kadri Crafted');
  await expect(detail.getByTestId('anomaly-contacts').locator('tbody tr').first()).toBeVisible();

  await fontsReady(page);
  await page.screenshot({ path: shot('anomalies-en.png') });

  const flags = (await call(page.request, 'anomalies.list')) as { id: number; agentId: number | null; agent: string | null }[];
  const flag = flags.find((f) => f.agent === 'Kadri Crafted')!;
  await detail.getByTestId('anomaly-coaching').click();
  await expect(page).toHaveURL(new RegExp(`#/coaching\\?agent=${flag.agentId}&anomaly=${flag.id}$`));
});

test('acknowledges and dismisses with a reason', async ({ page }) => {
  await page.goto('/#/anomalies');
  // The planted 13:00 flag: the simulator's own traffic of today can raise other Consumer flags,
  // which move as the day's counts change.
  const unanswered = page.locator('[data-testid="anomaly-flag"][data-kind="unanswered"]').filter({ hasText: 'Consumer' }).filter({ hasText: '13:00' }).first();
  await unanswered.click();
  await page.getByTestId('anomaly-acknowledge').click();
  await expect(unanswered).toContainText('Acknowledged');
  await page.getByTestId('anomaly-dismiss').click();
  await page.getByLabel('Reason for dismissing').fill('Lunch break, known');
  await page.getByRole('button', { name: 'Dismiss flag' }).click();
  await expect(unanswered).toContainText('Dismissed');
  await expect(page.getByTestId('anomaly-detail')).toContainText('Lunch break, known');
});

test('reads right to left in Persian', async ({ page }) => {
  await call(page.request, 'settings.update', { locale: 'fa' });
  await page.goto('/#/anomalies');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('anomaly-heatmap').locator('canvas')).toBeVisible();
  await page.locator('[data-testid="anomaly-flag"][data-kind="avoidance"]').first().click();
  await expect(page.getByTestId('anomaly-explanation')).toContainText('Kadri Crafted');
  await fontsReady(page);
  await page.screenshot({ path: shot('anomalies-fa.png') });
});

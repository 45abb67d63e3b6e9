import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { call, fontsReady, shot } from './helpers';

interface Entry {
  id: number;
  name: string;
  aliases: string[];
  contacts: number;
}

const directory = async (request: APIRequestContext) => (await call(request, 'agents.directory')) as Entry[];

/** Imports NDJSON lines as a file through the API, as the import screen does, and waits for the job. */
async function importLines(request: APIRequestContext, name: string, lines: object[]): Promise<void> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'floorwatch-agents-e2e-')), name);
  fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  const job = (await call(request, 'import.start', { path: file })) as { jobId: string };
  await expect
    .poll(async () => ((await call(request, 'import.jobs')) as { jobId: string; state: string }[]).find((j) => j.jobId === job.jobId)?.state, { timeout: 60_000 })
    .toBe('done');
}

/** Two spellings of one person, three days back so today's live figures are not touched. */
async function importTwoSpellings(request: APIRequestContext, tag: string): Promise<void> {
  const at = Date.now() - 3 * 86_400_000;
  const lines: object[] = [];
  [`E2E Ana ${tag}`, `e2e-ana-${tag}`].forEach((agent, i) => {
    for (let k = 0; k < 2; k++) {
      const id = `agents-${tag}-${i}-${k}`;
      const t = at + (i * 2 + k) * 60_000;
      lines.push({ type: 'enqueued', id, channel: 'chat', queue: 'Web chat', at: t });
      lines.push({ type: 'answered', id, channel: 'chat', queue: 'Web chat', at: t + 5000, agent });
      lines.push({ type: 'closed', id, channel: 'chat', queue: 'Web chat', at: t + 65_000, agent });
    }
  });
  await importLines(request, `agents-${tag}.ndjson`, lines);
}

let restore: { id: number; name: string } | null = null;
test.afterAll(async ({ request }) => {
  if (restore) await call(request, 'agents.rename', restore);
  await call(request, 'settings.update', { locale: 'en' });
});

test('renames an agent with the keyboard; the live floor shows the new name', async ({ page, request }) => {
  const live = (await call(request, 'live.snapshot')) as { agents: { id: number; name: string; state: string }[] };
  const agent = live.agents.find((a) => a.state !== 'offline') ?? live.agents[0]!;
  restore = { id: agent.id, name: agent.name };

  await page.goto('/#/data');
  const panel = page.getByTestId('agents-directory');
  await panel.getByLabel('Find an agent').fill(agent.name);
  const row = panel.locator(`[data-testid="agent-dir-row"][data-agent-id="${agent.id}"]`);
  await expect(row).toBeVisible();

  // Escape leaves the name as it was and gives the focus back to the button.
  await row.getByRole('button', { name: `Rename: ${agent.name}` }).click();
  const input = row.getByTestId('agent-rename-input');
  await expect(input).toBeFocused();
  await input.fill('Changed my mind');
  await input.press('Escape');
  await expect(row).toHaveAttribute('data-name', agent.name);
  await expect(row.getByRole('button', { name: `Rename: ${agent.name}` })).toBeFocused();

  // An empty name is refused in words, then Enter saves a real one.
  await page.keyboard.press('Enter');
  await input.fill('   ');
  await input.press('Enter');
  await expect(row.getByTestId('agent-rename-error')).toHaveText('A name cannot be empty.');
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await input.fill('E2E Renamed Agent');
  await input.press('Enter');
  await expect(row).toHaveAttribute('data-name', 'E2E Renamed Agent');
  await expect(row.getByRole('button', { name: 'Rename: E2E Renamed Agent' })).toBeFocused();
  await expect(panel.getByTestId('agents-status')).toHaveText(`\u2068${agent.name}\u2069 is now called \u2068E2E Renamed Agent\u2069.`);
  expect((await directory(request)).find((a) => a.id === agent.id)?.name).toBe('E2E Renamed Agent');

  if (agent.state !== 'offline') {
    await page.goto('/#/live');
    await expect(page.getByTestId('agent-row').filter({ hasText: 'E2E Renamed Agent' })).toHaveCount(1);
  }
});

test('merges two spellings of one person after a confirmation; one row is left', async ({ page, request }) => {
  const tag = String(Date.now() % 100_000);
  await importTwoSpellings(request, tag);
  const [upper, lower] = [`E2E Ana ${tag}`, `e2e-ana-${tag}`];

  await page.goto('/#/data');
  const panel = page.getByTestId('agents-directory');
  await panel.getByLabel('Find an agent').fill(tag);
  const rows = panel.getByTestId('agent-dir-row');
  await expect(rows).toHaveCount(2);
  const from = panel.locator(`[data-testid="agent-dir-row"][data-name="${lower}"]`);
  await from.getByRole('button', { name: `Merge ${lower} into…` }).click();

  const select = panel.getByTestId('agent-merge-select');
  await expect(select).toBeFocused();
  // Escape closes the merge step and returns to its button; Enter opens it again.
  await select.press('Escape');
  await expect(select).toHaveCount(0);
  await expect(from.getByRole('button', { name: `Merge ${lower} into…` })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(select).toBeFocused();
  await panel.getByRole('button', { name: 'Continue' }).click();
  await expect(panel.getByText('Choose the agent to merge into.')).toBeVisible();
  await select.selectOption({ label: upper });
  await panel.getByRole('button', { name: 'Continue' }).click();

  const confirm = panel.getByTestId('agent-merge-confirm');
  await expect(confirm).toHaveText(`!All contacts, ring attempts and figures of \u2068${lower}\u2069 move to \u2068${upper}\u2069. This cannot be undone.`);
  // The safe choice has the focus.
  await expect(panel.getByRole('button', { name: 'Keep separate' })).toBeFocused();
  await fontsReady(page);
  await panel.screenshot({ path: shot('agents-merge-confirm.png') });
  await panel.getByRole('button', { name: 'Merge', exact: true }).click();

  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-name', upper);
  await expect(rows.first().getByRole('button', { name: `Rename: ${upper}` })).toBeFocused();
  await expect(rows.first().getByRole('listitem')).toHaveText([upper, lower]);
  await expect(rows.first().locator('td.num')).toHaveText('4');

  const merged = (await directory(request)).filter((a) => a.name.includes(tag) || a.aliases.some((s) => s.includes(tag)));
  expect(merged).toHaveLength(1);
  expect(merged[0]).toMatchObject({ name: upper, aliases: [upper, lower], contacts: 4 });

  // A later contact under the merged-away spelling (imported in a worker) lands on the survivor.
  const at = Date.now() - 3 * 86_400_000 + 3_600_000;
  await importLines(request, `agents-${tag}-late.ndjson`, [
    { type: 'enqueued', id: `agents-${tag}-late`, channel: 'chat', queue: 'Web chat', at },
    { type: 'answered', id: `agents-${tag}-late`, channel: 'chat', queue: 'Web chat', at: at + 5000, agent: lower },
    { type: 'closed', id: `agents-${tag}-late`, channel: 'chat', queue: 'Web chat', at: at + 60_000, agent: lower },
  ]);
  await expect.poll(async () => (await directory(request)).find((a) => a.name === upper)?.contacts).toBe(5);
});

test('the directory reads right to left in Persian', async ({ page, request }) => {
  await call(request, 'settings.update', { locale: 'fa' });
  await page.goto('/#/data');
  const panel = page.getByTestId('agents-directory');
  await expect(panel.getByRole('heading', { name: 'کارشناسان' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(panel.getByRole('columnheader', { name: 'نام‌ها در داده‌ها' })).toBeVisible();
  await expect(panel.getByTestId('agent-dir-row').first().getByRole('button', { name: /^تغییر نام/ })).toBeVisible();
});

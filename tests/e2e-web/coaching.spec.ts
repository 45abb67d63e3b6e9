import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { call, fontsReady, shot, waitForLive } from './helpers';

test.describe.configure({ mode: 'serial' });

test.afterEach(async ({ request }) => {
  await call(request, 'settings.update', { locale: 'en' });
});

/** Opens the week of a session (by a `date` link, so the test never races the first load) and finds it. */
async function showSessionInCalendar(page: Page, id: number) {
  const { timezone } = (await call(page.request, 'app.info')) as { timezone: string };
  const { session } = (await call(page.request, 'coaching.get', { id })) as { session: { startAt: number } };
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(session.startAt);
  await page.goto(`/#/coaching?view=week&date=${date}`);
  const event = page.locator(`[data-testid="calendar-event"][data-session="${id}"]`);
  await expect(event).toBeVisible();
  return event;
}

let sessionId = 0;

test('schedules from an agent on the live screen, shows it in the calendar, takes notes, exports .ics', async ({ page }) => {
  await page.goto('/#/live');
  await waitForLive(page);
  const coach = page.getByTestId('coach-agent').first();
  await expect(coach).toBeVisible({ timeout: 60_000 });
  const agentName = (await coach.getAttribute('aria-label'))!.replace('Schedule coaching with ', '');
  await coach.click();

  const form = page.getByTestId('coaching-form');
  await expect(form).toBeVisible();
  await expect(form.locator('select[name="agent"] option:checked')).toHaveText(agentName);
  await form.locator('input[name="lead"]').fill('Lea Kask');
  await form.locator('input[name="time"]').fill('10:00');
  await form.locator('input[name="topic"]').fill('Ring-no-answer on VIP calls');
  await form.locator('textarea[name="agenda"]').fill('Look at the flags; agree on two actions.');
  await form.locator('select[name="target"]').selectOption('rnaRate');
  await form.getByPlaceholder('KPI snapshot, e.g. RNA 14 % last week').fill('RNA 12 % this week vs team 5 %');
  await form.getByRole('button', { name: 'Attach KPI snapshot' }).click();
  await expect(form.getByTestId('form-evidence')).toHaveCount(1);

  await form.getByRole('button', { name: 'Suggest 3 slots' }).click();
  await expect(form.getByTestId('slot-list').locator('li')).toHaveCount(3);
  await fontsReady(page);
  await page.screenshot({ path: shot('coaching-form-en.png') });

  await form.getByRole('button', { name: 'Schedule', exact: true }).click();
  const view = page.getByTestId('session-view');
  await expect(view).toBeVisible();
  sessionId = Number(/session=(\d+)/.exec(page.url())![1]);
  await expect(view.getByRole('heading', { name: 'Ring-no-answer on VIP calls' })).toBeVisible();
  await expect(view.getByTestId('scorecard')).toBeVisible();
  await expect(view).toContainText('RNA 12 % this week vs team 5 %');

  await view.getByPlaceholder('Write a note').fill('Headset drops calls; IT ticket opened.');
  await view.getByRole('button', { name: 'Add note' }).click();
  await expect(view.getByTestId('notes')).toContainText('Headset drops calls');
  await view.getByPlaceholder('Agreed action').fill('Check RNA again next Friday');
  await view.getByRole('button', { name: 'Add action' }).click();
  await expect(view.getByTestId('actions')).toContainText('Check RNA again next Friday');

  const download = page.waitForEvent('download');
  await view.getByTestId('session-ics').click();
  const file = await (await download).path();
  const ics = fs.readFileSync(file, 'utf8');
  expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(ics).toMatch(/\r\nDTSTART;TZID=[^:]+:\d{8}T100000\r\n/);
  expect(ics).toContain('BEGIN:VTIMEZONE');
  expect(ics.replace(/\r\n /g, '')).toContain('SUMMARY:Coaching: ');

  await fontsReady(page);
  await page.screenshot({ path: shot('coaching-session-en.png') });

  // A fuller week around it: other agents and leads, a series, a session marked done, one cancelled.
  const agents = ((await call(page.request, 'coaching.agents')) as { id: number; name: string }[]).filter((a) => a.name !== agentName);
  const day = (offset: number) => {
    const d = new Date(`${ics.match(/DTSTART;TZID=[^:]+:(\d{4})(\d{2})(\d{2})/)!.slice(1, 4).join('-')}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + offset);
    return d.toISOString().slice(0, 10);
  };
  const extra = [
    { agentId: agents[0]!.id, lead: 'Jaan Tamm', start: `${day(0)}T13:30`, minutes: 45, topic: 'After-call work and AHT' },
    { agentId: agents[1]!.id, lead: 'Lea Kask', start: `${day(1)}T09:00`, minutes: 30, topic: 'Weekly check-in', recurrence: { every: 'weekly', count: 4 } },
    { agentId: agents[2]!.id, lead: 'Jaan Tamm', start: `${day(2)}T15:00`, minutes: 60, topic: 'Repeat contacts: first-call resolution' },
    { agentId: agents[3]!.id, lead: 'Lea Kask', start: `${day(0)}T10:30`, minutes: 30, topic: 'CSAT follow-up' },
  ];
  const ids: number[] = [];
  for (const input of extra) ids.push(((await call(page.request, 'coaching.schedule', input)) as { sessions: { id: number }[] }).sessions[0]!.id);
  await call(page.request, 'coaching.update', { id: ids[2], status: 'done' });
  await call(page.request, 'coaching.update', { id: ids[3], status: 'cancelled' });

  await view.getByRole('button', { name: 'Back to calendar' }).click();
  await expect(page.getByTestId('coaching-calendar')).toBeVisible();
  const event = await showSessionInCalendar(page, sessionId);
  await expect(event).toContainText(agentName);
  await fontsReady(page);
  await page.screenshot({ path: shot('coaching-en.png') });

  await event.click();
  await expect(page.getByTestId('session-view')).toContainText('Headset drops calls');
});

test('refuses a double booking for the same agent and names the clash', async ({ page, request }) => {
  const session = (await call(request, 'coaching.get', { id: sessionId })) as { session: { agentId: number; agentName: string } };
  await page.goto(`/#/coaching?new=1&agent=${session.session.agentId}`);
  const form = page.getByTestId('coaching-form');
  await form.locator('input[name="lead"]').fill('Someone Else');
  await form.locator('input[name="time"]').fill('10:15');
  await form.locator('input[name="topic"]').fill('Overlap');
  await form.getByRole('button', { name: 'Schedule', exact: true }).click();
  await expect(page.getByTestId('coaching-form-error')).toContainText(`${session.session.agentName} already has a session at`);
  await expect(page.getByTestId('coaching-form-error')).toContainText('Ring-no-answer on VIP calls');
});

test('pre-fills agent and evidence from an anomaly flag when one exists', async ({ page, request }) => {
  const flags = (await call(request, 'anomalies.list').catch(() => [])) as { id: number; agentId: number | null }[];
  const flag = flags.find((f) => f.agentId !== null);
  test.skip(!flag, 'no agent flag in this database');
  await page.goto(`/#/coaching?agent=${flag!.agentId}&anomaly=${flag!.id}`);
  const form = page.getByTestId('coaching-form');
  await expect(form.getByTestId('form-evidence')).toHaveCount(1);
  await expect(form.locator('select[name="agent"]')).toHaveValue(String(flag!.agentId));
  await form.locator('input[name="lead"]').fill('Mart Mets');
  await form.locator('input[name="time"]').fill('17:00');
  await form.getByRole('button', { name: 'Schedule', exact: true }).click();
  await expect(page.getByTestId('session-view')).toBeVisible();
  const id = Number(/session=(\d+)/.exec(page.url())![1]);
  const { session } = (await call(request, 'coaching.get', { id })) as { session: { evidence: { kind: string; ref: string }[] } };
  expect(session.evidence).toEqual([expect.objectContaining({ kind: 'anomaly', ref: String(flag!.id) })]);
});

test('reads right to left in Persian with Persian calendar dates', async ({ page, request }) => {
  await call(request, 'settings.update', { locale: 'fa' });
  const event = await showSessionInCalendar(page, sessionId);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('view-week')).toHaveText('هفته');
  // Solar Hijri month names (Intl, fa-IR-u-ca-persian) in the column heads.
  await expect(page.locator('.calendar__day-head').first()).toHaveText(/فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند/);
  await fontsReady(page);
  await page.screenshot({ path: shot('coaching-fa.png') });
  await event.click();
  await expect(page.getByTestId('session-view')).toContainText('کارنامه');
  await fontsReady(page);
  await page.screenshot({ path: shot('coaching-session-fa.png') });
});

test('shows the staffing forecast with the method documented', async ({ page }) => {
  await page.goto('/#/coaching?view=staffing');
  await expect(page.getByTestId('staffing-queue').first()).toBeVisible();
  await expect(page.getByTestId('staffing-queue').first()).toContainText('Agents required');
  await page.getByText('How this is calculated').click();
  await expect(page.getByTestId('staffing')).toContainText('Erlang C ignores abandonment');
  await fontsReady(page);
  await page.screenshot({ path: shot('coaching-staffing-en.png') });
});

test('saves reminder time and lead e-mail; the export then names the organizer', async ({ page, request }) => {
  await page.goto('/#/coaching?view=settings');
  const panel = page.getByTestId('coaching-settings');
  await panel.getByLabel('Reminder before a session (minutes)').fill('15');
  await panel.getByLabel('Team leads, one per line: Name <e-mail>').fill('Lea Kask <lea@example.ee>');
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(panel.getByRole('status')).toHaveText('Saved.');
  expect(((await call(request, 'coaching.settings')) as { reminderMinutes: number }).reminderMinutes).toBe(15);
  const { text } = (await call(request, 'coaching.ics', { ids: [sessionId] })) as { text: string };
  expect(text.replace(/\r\n /g, '')).toContain('ORGANIZER;CN=Lea Kask:mailto:lea@example.ee');
});

test('a form opened by a link proposes the site’s tomorrow, even where the site’s date is not UTC’s', async ({ page, request }) => {
  const { timezone } = (await call(request, 'app.info')) as { timezone: string };
  const dateIn = (zone: string, t: number) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(t);
  // At any instant one of these two has another date than UTC (UTC+14 from 10:00 UTC, UTC−11 before 11:00).
  const now = Date.now();
  const zone = ['Pacific/Kiritimati', 'Pacific/Pago_Pago'].find((z) => dateIn(z, now) !== dateIn('UTC', now))!;
  await call(request, 'settings.update', { timezone: zone });
  try {
    await page.goto('/#/coaching?new=1');
    const tomorrow = new Date(Date.parse(`${dateIn(zone, Date.now())}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await expect(page.getByTestId('coaching-form').locator('input[name="date"]')).toHaveValue(tomorrow);
  } finally {
    await call(request, 'settings.update', { timezone });
  }
});

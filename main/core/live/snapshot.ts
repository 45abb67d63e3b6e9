import type { AgentLive, LiveSnapshot, TileFigures, WaitingContact } from '../../../shared/contract/live';
import type { Settings } from '../../../shared/contract/settings';
import { CHANNELS, type AgentState, type Channel } from '../../../shared/domain/channels';
import { serviceLevel } from '../../../shared/domain/kpi';
import { localDate, localDayStart } from '../../../shared/domain/time';
import { byUrgency, urgency, urgencyFactor } from '../../../shared/domain/urgency';
import type { Db } from '../../db/open';
import { SEGMENT_SQL } from '../ingest/rollup';
import { DepthHistory } from './depth';

/** At most this many waiting contacts are sent to screens; tiles still count all of them. */
export const WAITING_LIST_LIMIT = 200;
const MINUTE = 60_000;

type AgentCounts = TileFigures['agents'];
const zeroAgents = (): AgentCounts => ({ available: 0, busy: 0, paused: 0, wrapup: 0 });

interface WaitingRow {
  id: number;
  channel: Channel;
  queue: string;
  caller: string | null;
  customer_name: string | null;
  segment: string | null;
  enter_at: number;
  repeat: number;
}

interface TodayRow {
  channel: Channel;
  queue: string;
  offered: number;
  answered: number;
  abandoned: number;
  short_abandoned: number;
  answered_in_target: number;
}

interface AgentRow {
  id: number;
  name: string;
  state: AgentState;
  state_since: number | null;
  state_reason: string | null;
  state_until: number | null;
  channels: string | null;
  queues: string | null;
  handled: number;
  rna: number;
}

/**
 * Computes the live floor from the store alone, so a restarted app shows today's complete
 * figures and the contacts still waiting. "Today" is the site's local day (settings.timezone).
 * Today's totals come from the hourly rollup; the waiting list from a partial index.
 */
export function createSnapshotter(db: Db) {
  const waitingStmt = db.prepare<{ since: number; now: number; repeatMs: number }, WaitingRow>(`
    SELECT c.id, c.channel, c.queue, c.caller,
      COALESCE(cu.name, c.customer_name) AS customer_name,
      NULLIF(${SEGMENT_SQL}, '') AS segment,
      c.enter_at,
      CASE WHEN c.caller IS NULL THEN 0 ELSE EXISTS (
        SELECT 1 FROM contacts p WHERE p.caller = c.caller AND p.id <> c.id
          AND p.enter_at < c.enter_at AND p.enter_at >= c.enter_at - @repeatMs) END AS repeat
    FROM contacts c LEFT JOIN customers cu ON cu.caller = c.caller
    WHERE c.answer_at IS NULL AND c.end_at IS NULL AND c.enter_at >= @since AND c.enter_at <= @now`);
  const todayStmt = db.prepare<[number, number], TodayRow>(`
    SELECT channel, queue, sum(offered) AS offered, sum(answered) AS answered, sum(abandoned) AS abandoned,
      sum(short_abandoned) AS short_abandoned, sum(answered_in_target) AS answered_in_target
    FROM rollup_hour WHERE hour_at >= ? AND hour_at < ? GROUP BY channel, queue`);
  const depthStmt = db.prepare<[number, number, number], { channel: Channel; queue: string; enter_at: number; left_at: number | null }>(`
    SELECT channel, queue, enter_at, COALESCE(answer_at, end_at) AS left_at FROM contacts
    WHERE enter_at >= ? AND enter_at <= ? AND (COALESCE(answer_at, end_at) IS NULL OR COALESCE(answer_at, end_at) >= ?)`);
  const depthKey = (ch: string, q: string | null) => (q === null ? ch : `${ch}\u001f${q}`);
  const depth = new DepthHistory();
  const agentsStmt = db.prepare<{ dayStart: number; now: number }, AgentRow>(`
    SELECT a.id, a.name, a.state, a.state_since, a.state_reason, a.state_until,
      (SELECT group_concat(DISTINCT q.channel) FROM agent_queues aq JOIN queues q ON q.name = aq.queue WHERE aq.agent_id = a.id) AS channels,
      (SELECT group_concat(aq.queue, char(31)) FROM agent_queues aq WHERE aq.agent_id = a.id) AS queues,
      -- Ingest sets a contact's agent only together with its answer time, so counting the agent
      -- index alone (no table row per contact) counts the contacts the agent answered today.
      (SELECT count(*) FROM contacts c WHERE c.agent_id = a.id AND c.enter_at >= @dayStart) AS handled,
      (SELECT count(*) FROM attempts t WHERE t.agent_id = a.id AND t.at >= @dayStart AND t.result = 'no-answer') AS rna
    FROM agents a
    WHERE a.merged_into IS NULL AND COALESCE(a.state_since, 0) <= @now + 60000
      -- On the floor: agents seen today, or still signed in since yesterday at most (an agent
      -- left "available" by a log imported from years ago is not on today's floor).
      AND (a.state_since >= @dayStart OR (a.state <> 'offline' AND a.state_since >= @now - 86400000))
    ORDER BY a.name`);
  const queuesStmt = db.prepare<[], { name: string; channel: Channel }>('SELECT name, channel FROM queues');

  return function snapshot(now: number, settings: Settings, lastEventAt: number | null): LiveSnapshot {
    const zone = settings.timezone;
    const dayStart = localDayStart(zone, now);
    const target = settings.targetSec;

    // Waiting contacts: drop ones older than a day (or 3 targets for slow channels) — in imported
    // history those are calls whose end the log never recorded, not customers still waiting.
    const longestTarget = Math.max(...CHANNELS.map((c) => target[c]));
    const since = now - Math.max(86_400_000, 3 * longestTarget * 1000);
    const weights = { segmentWeights: settings.segmentWeights, repeatBoost: settings.repeatBoost };
    const waitingAll: WaitingContact[] = [];
    for (const r of waitingStmt.all({ since, now: now + MINUTE, repeatMs: settings.repeatWindowHours * 3_600_000 })) {
      const t = target[r.channel];
      if (r.enter_at < now - Math.max(86_400_000, 3 * t * 1000)) continue;
      const repeat = r.repeat === 1;
      waitingAll.push({
        id: r.id,
        channel: r.channel,
        queue: r.queue,
        caller: r.caller,
        customerName: r.customer_name,
        segment: r.segment,
        repeat,
        enteredAt: r.enter_at,
        targetSec: t,
        urgency: urgency({ waitedMs: now - r.enter_at, targetSec: t, segment: r.segment, repeat }, weights),
        factor: urgencyFactor(r.segment, repeat, weights),
      });
    }
    waitingAll.sort(byUrgency);

    // Agents, with derived wrap-up expiry.
    const agents: AgentLive[] = [];
    const agentQueues = new Map<number, string[]>();
    for (const r of agentsStmt.all({ dayStart, now })) {
      let state = r.state;
      let since = r.state_since;
      if (state === 'wrapup' && r.state_until !== null && r.state_until <= now) {
        state = 'available';
        since = r.state_until;
      }
      const channels = (r.channels ?? '').split(',').filter((c): c is Channel => (CHANNELS as readonly string[]).includes(c));
      agentQueues.set(r.id, r.queues ? r.queues.split('\u001f') : []);
      agents.push({ id: r.id, name: r.name, state, since, reason: state === 'paused' ? r.state_reason : null, handledToday: r.handled, rnaToday: r.rna, channels });
    }

    const queueChannel = new Map(queuesStmt.all().map((q) => [q.name, q.channel] as const));
    const todayRows = todayStmt.all(dayStart, now + 3_600_000);

    if (depth.needsSeed(now)) {
      const from = Math.floor(now / MINUTE) * MINUTE - 59 * MINUTE;
      depth.seed(
        now,
        depthStmt.all(since, now, from).map((r) => ({ keys: [depthKey(r.channel, null), depthKey(r.channel, r.queue)], enterAt: r.enter_at, leftAt: r.left_at })),
      );
    }
    const current = new Map<string, number>();
    for (const c of waitingAll) {
      for (const k of [depthKey(c.channel, null), depthKey(c.channel, c.queue)]) current.set(k, (current.get(k) ?? 0) + 1);
    }
    depth.observe(now, current);

    const tile = (channel: Channel, queue: string | null): TileFigures => {
      const w = waitingAll.filter((c) => c.channel === channel && (queue === null || c.queue === queue));
      const rows = todayRows.filter((r) => r.channel === channel && (queue === null || r.queue === queue));
      const sum = (k: keyof Omit<TodayRow, 'channel' | 'queue'>) => rows.reduce((s, r) => s + r[k], 0);
      const counts = zeroAgents();
      for (const a of agents) {
        const serves = queue === null ? a.channels.includes(channel) : (agentQueues.get(a.id) ?? []).includes(queue);
        if (!serves) continue;
        if (a.state === 'available') counts.available++;
        else if (a.state === 'busy' || a.state === 'ringing') counts.busy++;
        else if (a.state === 'paused') counts.paused++;
        else if (a.state === 'wrapup') counts.wrapup++;
      }
      const longest = w.reduce((m, c) => Math.max(m, now - c.enteredAt), 0);
      return {
        waiting: w.length,
        longestWaitMs: longest,
        longestTargetShare: longest / (target[channel] * 1000),
        agents: counts,
        offeredToday: sum('offered'),
        answeredToday: sum('answered'),
        abandonedToday: sum('abandoned'),
        serviceLevel: serviceLevel({
          offered: sum('offered'),
          answered: sum('answered'),
          abandoned: sum('abandoned'),
          shortAbandoned: sum('short_abandoned'),
          answeredInTarget: sum('answered_in_target'),
          waitMs: 0,
          waited: 0,
          answeredWaitMs: 0,
          talkMs: 0,
          holdMs: 0,
          wrapMs: 0,
        }),
        targetSec: target[channel],
        depth60: depth.series(depthKey(channel, queue)),
      };
    };

    const queueNames = [...queueChannel.entries()]
      .filter(([name]) => todayRows.some((r) => r.queue === name) || waitingAll.some((c) => c.queue === name))
      .sort((a, b) => CHANNELS.indexOf(a[1]) - CHANNELS.indexOf(b[1]) || a[0].localeCompare(b[0]));

    return {
      at: now,
      timezone: zone,
      today: localDate(zone, now),
      lastEventAt,
      channels: CHANNELS.map((channel) => ({ channel, ...tile(channel, null) })),
      queues: queueNames.map(([queue, channel]) => ({ channel, queue, ...tile(channel, queue) })),
      waiting: waitingAll.slice(0, WAITING_LIST_LIMIT),
      waitingTotal: waitingAll.length,
      agents,
    };
  };
}

import type { Db } from '../../main/db/open';

/**
 * A contact history written straight with SQL (tens of seconds for millions of contacts, where
 * the import path would take minutes): the benchmarks that read history need its shape, not the
 * path it came by. The mix is a mid-size floor's: five queues over four channels, four customer
 * segments (three from the directory, one from the source's hint), `agents` agents, abandons
 * with waits from 0 to 3 minutes, timeouts, transfers, survey answers, and ring attempts on voice
 * including ring-no-answer. A multiplicative hash of the row number spreads every attribute, so
 * no two columns move in lockstep.
 */
export interface HistoryShape {
  contacts: number;
  /** UTC instant of the last contact; the history spans `days` days up to it. */
  end: number;
  days: number;
  agents: number;
  /** Contacts at the end left waiting (no answer, no end), as the live list sees them. */
  waiting?: number;
}

export const QUEUES = [
  ['Support', 'voice'],
  ['Sales', 'voice'],
  ['Web chat', 'chat'],
  ['Inbox', 'email'],
  ['SMS', 'sms'],
] as const;

/** Callers 0…DIRECTORY−1 are in the customer directory; the rest fall back to the hint. */
const CALLERS = 400_000;
const DIRECTORY = 300_000;

export function writeHistory(db: Db, shape: HistoryShape): void {
  const span = shape.days * 86_400_000;
  // Whole milliseconds between contacts: the times are INTEGER columns in a STRICT table.
  const step = Math.floor(span / shape.contacts);
  const start = shape.end - step * shape.contacts;
  const waiting = shape.waiting ?? 25;
  db.transaction(() => {
    for (const [name, channel] of QUEUES) db.prepare('INSERT OR IGNORE INTO queues (name, channel) VALUES (?, ?)').run(name, channel);
    const agent = db.prepare('INSERT INTO agents (id, name, state, state_since) VALUES (?, ?, ?, ?)');
    for (let a = 1; a <= shape.agents; a++) agent.run(a, `Agent ${String(a).padStart(3, '0')}`, a % 4 === 0 ? 'paused' : 'available', shape.end - a * 60_000);
    db.prepare(`INSERT INTO customers (caller, name, segment, updated_at)
      WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${DIRECTORY - 1})
      SELECT '+3725' || i, 'Customer ' || i, CASE i % 20 WHEN 0 THEN 'VIP' WHEN 1 THEN 'Business' WHEN 2 THEN 'Business' WHEN 3 THEN 'Business' ELSE 'Consumer' END, 0 FROM n`).run();
  })();
  // k: channel/queue pick (of 20), o: outcome pick (of 100), w: a spread value for waits and talk.
  db.prepare(`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < @n - 1),
    g AS (SELECT i, (i * 2654435761) % 4294967296 AS h FROM n),
    p AS (SELECT i, h, h % 20 AS k, (h / 20) % 100 AS o, h / 2000 AS w, @start + i * @step + h % @step AS t, i >= @n - @waiting AS open FROM g),
    q AS (SELECT *, CASE WHEN k < 8 THEN 'Support' WHEN k < 12 THEN 'Sales' WHEN k < 16 THEN 'Web chat' WHEN k < 18 THEN 'Inbox' ELSE 'SMS' END AS queue,
            CASE WHEN k < 12 THEN 'voice' WHEN k < 16 THEN 'chat' WHEN k < 18 THEN 'email' ELSE 'sms' END AS channel,
            CASE WHEN open THEN NULL WHEN o < 87 THEN 'answered' WHEN o < 96 THEN 'abandoned' ELSE 'timeout' END AS outcome FROM p),
    r AS (SELECT *, CASE WHEN outcome = 'answered' THEN w % CASE channel WHEN 'voice' THEN 45000 WHEN 'chat' THEN 150000 WHEN 'sms' THEN 1800000 ELSE 21600000 END
                         WHEN outcome = 'abandoned' THEN w % 180000 WHEN outcome = 'timeout' THEN 300000 ELSE NULL END AS wait FROM q)
    INSERT INTO contacts (source, source_id, channel, queue, caller, segment_hint, enter_at, answer_at, end_at, outcome, agent_id,
      wait_ms, talk_ms, hold_ms, wrap_ms, transfers, csat, nps)
    SELECT 'bench', i, channel, queue, CASE WHEN channel = 'chat' AND o % 7 = 0 THEN NULL ELSE '+3725' || ((h / 7) % ${CALLERS}) END, 'Partner',
      t, CASE WHEN outcome = 'answered' THEN t + wait END, CASE WHEN outcome IS NULL THEN NULL WHEN outcome = 'answered' THEN t + wait + 60000 + w % 600000 ELSE t + wait END,
      outcome, CASE WHEN outcome = 'answered' THEN 1 + (h / 13) % @agents END,
      wait, CASE WHEN outcome = 'answered' THEN 60000 + w % 600000 END, CASE WHEN outcome = 'answered' AND o % 5 = 0 THEN w % 90000 END,
      CASE WHEN outcome = 'answered' THEN 15000 + w % 45000 END, CASE WHEN outcome = 'answered' AND o % 19 = 0 THEN 1 ELSE 0 END,
      CASE WHEN outcome = 'answered' AND o % 10 = 3 THEN 1 + w % 5 END, CASE WHEN outcome = 'answered' AND o % 12 = 5 THEN w % 11 END
    FROM r`).run({ n: shape.contacts, start, step, waiting, agents: shape.agents });
  // Voice rings an agent before it connects; about 7 % of voice contacts first ring out on another one.
  db.prepare(`INSERT INTO attempts (contact_id, agent_id, at, ring_ms, result)
    SELECT id, 1 + (id * 40503 / 7) % @agents, enter_at + 2000, 15000, 'no-answer' FROM contacts
    WHERE channel = 'voice' AND (id * 2654435761) % 100 < 7 AND (agent_id IS NULL OR agent_id <> 1 + (id * 40503 / 7) % @agents)`).run({ agents: shape.agents });
  db.prepare(`INSERT INTO attempts (contact_id, agent_id, at, ring_ms, result)
    SELECT id, agent_id, answer_at - 1000, 4000, 'connected' FROM contacts WHERE channel = 'voice' AND agent_id IS NOT NULL`).run();
}

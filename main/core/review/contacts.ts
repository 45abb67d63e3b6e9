import type { ContactDetail, ContactListRow, ContactPage, ContactSort, ReviewFilters, ReviewOptions, TimelineEntry } from '../../../shared/contract/review';
import type { Db } from '../../db/open';
import { SEGMENT_SQL } from '../ingest/rollup';
import { contactWhere, rangeBounds, rollupWhere } from './filters';

interface Raw {
  id: number;
  enter_at: number;
  answer_at: number | null;
  end_at: number | null;
  channel: string;
  queue: string;
  caller: string | null;
  segment: string;
  agent: string | null;
  outcome: string | null;
  wait_ms: number | null;
  talk_ms: number | null;
  transfers: number;
  sort_key: number;
}

const SELECT = `SELECT c.id, c.enter_at, c.answer_at, c.end_at, c.channel, c.queue, c.caller, ${SEGMENT_SQL} AS segment,
  (SELECT name FROM agents WHERE id = c.agent_id) AS agent, c.outcome, c.wait_ms, c.talk_ms, c.transfers`;

/**
 * Keyset order of each sort: (key, id), both in the same direction, so the next page starts
 * strictly after the cursor and the index on the key (contacts_enter; contacts_wait from 0005)
 * is walked without OFFSET. Only these sorts are offered: each has an index that makes the first
 * page cheap at millions of contacts.
 */
const SORTS: Record<ContactSort, { key: string; dir: 'ASC' | 'DESC' }> = {
  'enter-desc': { key: 'c.enter_at', dir: 'DESC' },
  'enter-asc': { key: 'c.enter_at', dir: 'ASC' },
  'wait-desc': { key: 'ifnull(c.wait_ms, -1)', dir: 'DESC' },
};

const toRow = (r: Raw): ContactListRow => ({
  id: r.id,
  enterAt: r.enter_at,
  channel: r.channel,
  queue: r.queue,
  caller: r.caller,
  segment: r.segment,
  agent: r.agent,
  outcome: r.outcome ?? (r.answer_at === null && r.end_at === null ? 'waiting' : null),
  waitSec: r.wait_ms === null ? null : r.wait_ms / 1000,
  talkSec: r.talk_ms === null ? null : r.talk_ms / 1000,
  transfers: r.transfers,
});

function parseCursor(after: string | null): [number, number] | null {
  if (!after) return null;
  const v: unknown = JSON.parse(after);
  if (Array.isArray(v) && v.length === 2 && v.every((n) => typeof n === 'number' && Number.isFinite(n))) return [v[0] as number, v[1] as number];
  throw new RangeError('Bad cursor.');
}

/**
 * Whether "longest wait" should walk the wait index (the range holds a large share of all
 * contacts: few index entries are skipped) or sort the range (a narrow range: sorting its rows is
 * cheaper than skipping most of the index). Estimated from ids at the range ends, which is exact
 * enough when contacts were imported roughly in time order and costs two index probes.
 */
function useWaitIndex(db: Db, zone: string, f: ReviewFilters): boolean {
  const [start, end] = rangeBounds(zone, f.from, f.to);
  const first = db.prepare<[number], { id: number }>('SELECT id FROM contacts WHERE enter_at >= ? ORDER BY enter_at LIMIT 1').get(start)?.id;
  const last = db.prepare<[number], { id: number }>('SELECT id FROM contacts WHERE enter_at < ? ORDER BY enter_at DESC LIMIT 1').get(end)?.id;
  const total = db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM contacts').get()?.id ?? 0;
  if (first === undefined || last === undefined || total === 0) return false;
  const inRange = Math.abs(last - first) + 1;
  return inRange > WAIT_SORT_MAX && inRange > total / 5;
}

/** Up to this many contacts in range, "longest wait" sorts the range itself (tens of ms). */
const WAIT_SORT_MAX = 50_000;

export function contactPage(db: Db, zone: string, f: ReviewFilters, sort: ContactSort, after: string | null, limit: number): ContactPage {
  const { key, dir } = SORTS[sort];
  const cursor = parseCursor(after);
  const op = dir === 'DESC' ? '<' : '>';
  const indexed = sort === 'wait-desc' && useWaitIndex(db, zone, f) ? ' INDEXED BY contacts_wait' : '';
  const query = (w: { sql: string; params: (string | number)[] }, n: number) =>
    db
      .prepare<(string | number)[], Raw>(
        `${SELECT}, ${key} AS sort_key FROM contacts c${indexed} WHERE ${w.sql}${cursor ? ` AND (${key}, c.id) ${op} (?, ?)` : ''}
         ORDER BY ${key} ${dir}, c.id ${dir} LIMIT ?`,
      )
      .all(...w.params, ...(cursor ?? []), n);

  let rows: Raw[];
  if (f.segment !== undefined && sort !== 'wait-desc') {
    // Segment is resolved per contact, so no index finds a rare one: walk only the hours the
    // rollup says hold that segment, in sort order (a day of hours at a time), until the page is full.
    const w = rollupWhere(zone, f);
    const hoursStmt = db.prepare<(string | number)[], { h: number }>(
      `SELECT DISTINCT r.hour_at AS h FROM rollup_hour r WHERE ${w.sql} AND r.offered > 0 AND r.hour_at ${dir === 'DESC' ? '<' : '>'} ? ORDER BY h ${dir} LIMIT 24`,
    );
    rows = [];
    let from = cursor ? (dir === 'DESC' ? cursor[0] + 1 : cursor[0] - 3_600_000) : dir === 'DESC' ? 8.64e15 : -8.64e15;
    for (let hours = hoursStmt.all(...w.params, from); hours.length > 0 && rows.length <= limit; hours = hoursStmt.all(...w.params, from)) {
      for (const { h } of hours) {
        rows.push(...query(contactWhere(zone, f, [h, h + 3_600_000]), limit + 1 - rows.length));
        from = h;
        if (rows.length > limit) break;
      }
    }
  } else {
    rows = query(contactWhere(zone, f), limit + 1);
  }
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: page.map(toRow), next: more && last ? JSON.stringify([last.sort_key, last.id]) : null };
}

/** Every row of the filters, in pages by id (for exports of millions: bounded memory, cancellable between pages). */
export function* contactRows(db: Db, zone: string, f: ReviewFilters, pageSize = 5000): Generator<ContactListRow[]> {
  const w = contactWhere(zone, f);
  const stmt = db.prepare<(string | number)[], Raw>(`${SELECT}, c.enter_at AS sort_key FROM contacts c WHERE ${w.sql} AND (c.enter_at, c.id) > (?, ?) ORDER BY c.enter_at, c.id LIMIT ?`);
  let cursor: [number, number] = [-8.64e15, 0];
  for (;;) {
    const rows = stmt.all(...w.params, ...cursor, pageSize);
    if (rows.length === 0) return;
    yield rows.map(toRow);
    const last = rows[rows.length - 1]!;
    cursor = [last.enter_at, last.id];
  }
}

export function countContacts(db: Db, zone: string, f: ReviewFilters): number {
  const w = contactWhere(zone, f);
  return db.prepare<(string | number)[], { n: number }>(`SELECT count(*) AS n FROM contacts c WHERE ${w.sql}`).get(...w.params)!.n;
}

/** A contact's life in the queue: entry, each ring (and who let it ring out), answer, transfer, end. */
export function contactDetail(db: Db, id: number): ContactDetail | null {
  const r = db
    .prepare<[number], Raw & { source: string; source_id: string; reason: string | null }>(`${SELECT}, 0 AS sort_key, c.source, c.source_id, c.reason FROM contacts c WHERE c.id = ?`)
    .get(id);
  if (!r) return null;
  const timeline: TimelineEntry[] = [{ at: r.enter_at, kind: 'enter', agent: null, result: r.queue, ms: null }];
  const attempts = db
    .prepare<[number], { at: number; ring_ms: number | null; result: string; agent: string }>(
      'SELECT t.at, t.ring_ms, t.result, a.name AS agent FROM attempts t JOIN agents a ON a.id = t.agent_id WHERE t.contact_id = ? ORDER BY t.at, t.id',
    )
    .all(id);
  for (const a of attempts) timeline.push({ at: a.at, kind: 'ring', agent: a.agent, result: a.result, ms: a.ring_ms });
  if (r.answer_at !== null) timeline.push({ at: r.answer_at, kind: 'answer', agent: r.agent, result: null, ms: r.wait_ms });
  if (r.transfers > 0 || r.outcome === 'transferred') {
    // The store keeps how many transfers, not when: shown at the end of the talk.
    timeline.push({ at: r.end_at ?? r.answer_at ?? r.enter_at, kind: 'transfer', agent: r.agent, result: String(Math.max(1, r.transfers)), ms: null });
  }
  if (r.end_at !== null) timeline.push({ at: r.end_at, kind: 'end', agent: r.agent, result: r.outcome, ms: r.talk_ms });
  timeline.sort((x, y) => x.at - y.at);
  return { contact: { ...toRow(r), source: r.source, sourceId: r.source_id, reason: r.reason }, timeline };
}

export function reviewOptions(db: Db): ReviewOptions {
  const col = (sql: string) => db.prepare<[], { v: string }>(sql).all().map((r) => r.v);
  return {
    queues: col('SELECT DISTINCT queue AS v FROM rollup_hour ORDER BY v'),
    segments: col("SELECT DISTINCT segment AS v FROM rollup_hour WHERE segment <> '' ORDER BY v"),
    agents: col('SELECT DISTINCT a.name AS v FROM agents a WHERE a.merged_into IS NULL ORDER BY v'),
  };
}

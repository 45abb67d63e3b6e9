import type { SourceInput, SourceStatus, SourceView } from '../../../shared/contract/sources';
import { SourceInput as SourceInputSchema } from '../../../shared/contract/sources';
import { ApiError } from '../../../shared/contract/errors';
import type { Db } from '../../db/open';
import type { EventHub } from '../api/event-hub';
import type { Clock } from '../ports';
import type { IngestStore } from '../ingest/store';
import { createFileTail } from '../ingest/tail';
import { createAmiRunner } from './ami-runner';

/** A running live source: the manager only needs to stop it and read its status. */
export interface Runner {
  /** Stops it; a promise when it still writes what it holds (an AMI source settles its callers). */
  stop(): void | Promise<void>;
}

interface Row {
  id: number;
  kind: SourceInput['kind'];
  name: string;
  config: string;
  enabled: number;
}

export interface SourceManagerOptions {
  db: Db;
  store: IngestStore;
  clock: Clock;
  hub: EventHub;
  /** After every applied batch (live screens refresh). */
  onApplied: () => void;
  log: (message: string) => void;
}

const hideSecrets = (config: Record<string, unknown>) => ('secret' in config ? { ...config, secret: '••••' } : config);

/**
 * The live sources the app runs itself (DESIGN §1): followed queue_log and NDJSON files, AMI
 * connections. Configured in the `sources` table; each has a status the Sources screen shows.
 */
export function createSourceManager(o: SourceManagerOptions) {
  const runners = new Map<number, Runner>();
  const statuses = new Map<number, SourceStatus>();
  const list = o.db.prepare<[], Row>('SELECT id, kind, name, config, enabled FROM sources ORDER BY id');
  const get = o.db.prepare<[number], Row>('SELECT id, kind, name, config, enabled FROM sources WHERE id = ?');

  const view = (r: Row): SourceView => ({
    id: r.id,
    kind: r.kind,
    name: r.name,
    config: hideSecrets(JSON.parse(r.config) as Record<string, unknown>),
    enabled: r.enabled === 1,
    status: statuses.get(r.id) ?? { state: r.enabled ? 'starting' : 'disabled', note: null, applied: 0, rejected: 0, lastAt: null },
  });
  const all = () => list.all().map(view);
  const publish = () => o.hub.emit('sources.status', all());
  const setStatus = (id: number, patch: Partial<SourceStatus>) => {
    const cur = statuses.get(id) ?? { state: 'starting' as const, note: null, applied: 0, rejected: 0, lastAt: null };
    statuses.set(id, { ...cur, ...patch });
    publish();
  };

  function run(r: Row) {
    const input = SourceInputSchema.parse({ kind: r.kind, name: r.name, config: JSON.parse(r.config) });
    if (input.kind === 'queue_log-tail' || input.kind === 'ndjson-tail') {
      const tail = createFileTail({
        db: o.db,
        store: o.store,
        file: input.config.file,
        format: input.kind === 'queue_log-tail' ? 'queue_log' : 'ndjson',
        site: 'site' in input.config ? input.config.site : undefined,
        clock: o.clock,
        onApplied: () => o.onApplied(),
        onStatus: (s) =>
          setStatus(r.id, {
            state: s.state === 'following' ? 'following' : s.state === 'waiting' ? 'waiting' : s.state === 'error' ? 'error' : 'stopped',
            note: s.note,
            applied: s.linesApplied,
            rejected: s.rejected,
            lastAt: s.lastAppliedAt,
          }),
      });
      tail.start();
      runners.set(r.id, tail);
    } else {
      runners.set(
        r.id,
        createAmiRunner(input.config, {
          ingest: (events) => o.store.apply(events),
          db: o.db,
          clock: o.clock,
          onApplied: (n) => {
            const cur = statuses.get(r.id);
            setStatus(r.id, { applied: (cur?.applied ?? 0) + n, lastAt: o.clock.now() });
            o.onApplied();
          },
          onStatus: (state, note) => setStatus(r.id, { state, note }),
          log: o.log,
        }),
      );
    }
  }

  function stop(id: number): Promise<void> {
    const done = runners.get(id)?.stop();
    runners.delete(id);
    return Promise.resolve(done);
  }

  function startAll() {
    for (const r of list.all()) {
      if (!r.enabled) continue;
      try {
        run(r);
      } catch (error) {
        setStatus(r.id, { state: 'error', note: { code: 'start-failed', detail: error instanceof Error ? error.message : String(error) } });
      }
    }
  }

  return {
    startAll,
    list: all,
    add(input: SourceInput): SourceView {
      const id = Number(
        o.db.prepare('INSERT INTO sources (kind, name, config, enabled, created_at) VALUES (?, ?, ?, 1, ?)').run(input.kind, input.name, JSON.stringify(input.config), o.clock.now())
          .lastInsertRowid,
      );
      run(get.get(id)!);
      publish();
      return view(get.get(id)!);
    },
    update(id: number, patch: { enabled?: boolean; source?: SourceInput }): SourceView {
      const cur = get.get(id);
      if (!cur) throw new ApiError('not-found', `No source with id ${id}.`);
      if (patch.source && patch.source.kind !== cur.kind) throw new ApiError('bad-input', 'A source cannot change its kind: remove it and add a new one.');
      stop(id);
      statuses.delete(id);
      let config = patch.source?.config as Record<string, unknown> | undefined;
      // A secret shown as "••••" on screen was not changed.
      if (config && config.secret === '••••') config = { ...config, secret: (JSON.parse(cur.config) as { secret?: string }).secret };
      o.db
        .prepare('UPDATE sources SET name = COALESCE(?, name), config = COALESCE(?, config), enabled = COALESCE(?, enabled) WHERE id = ?')
        .run(patch.source?.name ?? null, config ? JSON.stringify(config) : null, patch.enabled === undefined ? null : patch.enabled ? 1 : 0, id);
      const next = get.get(id)!;
      if (next.enabled) run(next);
      publish();
      return view(next);
    },
    remove(id: number): boolean {
      stop(id);
      statuses.delete(id);
      const removed = o.db.prepare('DELETE FROM sources WHERE id = ?').run(id).changes > 0;
      publish();
      return removed;
    },
    /** Stops every source; resolves once each has written what it still held. */
    async stopAll(): Promise<void> {
      await Promise.all([...runners.keys()].map((id) => stop(id)));
    },
  };
}

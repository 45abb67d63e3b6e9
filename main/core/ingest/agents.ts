import type { Db } from '../../db/open';

/**
 * Agent identity: sources name the same person differently (interface `SIP/1001`, member name
 * `Sathish`, AMI `Agent/1001`). Each spelling is an alias of one agent row; merged agents point
 * at the one that survives.
 */
export interface AgentDirectory {
  resolve(key: string, name?: string | null): number;
  /** Make `alias` another spelling of agent `id` (used when a log shows both names). */
  link(alias: string, id: number): void;
  /** Drops cached spellings: after a merge re-points aliases, they must be read again. */
  forget(): void;
  /** Drops cached spellings when a merge happened since the last call, on any connection (one read). */
  sync(): void;
}

/** Counts agent merges (meta), so every connection's directory notices one. */
export const AGENT_MERGES_KEY = 'agents.merges';

export function createAgentDirectory(db: Db): AgentDirectory {
  const cache = new Map<string, number>();
  const byAlias = db.prepare<[string], { agent_id: number; merged_into: number | null }>(
    'SELECT a.agent_id, g.merged_into FROM agent_aliases a JOIN agents g ON g.id = a.agent_id WHERE a.alias = ?',
  );
  const insertAgent = db.prepare<[string]>('INSERT INTO agents (name) VALUES (?)');
  const insertAlias = db.prepare<[string, number]>('INSERT OR IGNORE INTO agent_aliases (alias, agent_id) VALUES (?, ?)');
  const setName = db.prepare<[string, number, string]>('UPDATE agents SET name = ? WHERE id = ? AND name = ?');
  const merges = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  let mergesSeen: string | undefined;

  const lookup = (alias: string): number | undefined => {
    const cached = cache.get(alias);
    if (cached !== undefined) return cached;
    const row = byAlias.get(alias);
    if (!row) return undefined;
    const id = row.merged_into ?? row.agent_id;
    cache.set(alias, id);
    return id;
  };

  return {
    resolve(key, name) {
      const known = lookup(key) ?? (name ? lookup(name) : undefined);
      if (known !== undefined) {
        insertAlias.run(key, known);
        cache.set(key, known);
        if (name) {
          insertAlias.run(name, known);
          cache.set(name, known);
          // A member name is a better display name than the interface it was first seen as.
          setName.run(name, known, key);
        }
        return known;
      }
      const id = Number(insertAgent.run(name || key).lastInsertRowid);
      insertAlias.run(key, id);
      cache.set(key, id);
      if (name) {
        insertAlias.run(name, id);
        cache.set(name, id);
      }
      return id;
    },
    link(alias, id) {
      insertAlias.run(alias, id);
      cache.set(alias, id);
    },
    forget() {
      cache.clear();
    },
    sync() {
      const now = merges.get(AGENT_MERGES_KEY)?.value;
      if (now === mergesSeen) return;
      mergesSeen = now;
      cache.clear();
    },
  };
}

import type { Handlers } from '../api/dispatcher';
import type { EventHub } from '../api/event-hub';
import type { AgentDirectory } from '../ingest/agents';
import type { Db } from '../../db/open';
import { createAgentStore } from './directory';

type AgentMethods = 'agents.directory' | 'agents.rename' | 'agents.merge';

export interface AgentHandlerDeps {
  db: Db;
  hub: EventHub;
  /** The running ingest's alias cache: a merge re-points aliases it may hold. */
  directory: AgentDirectory;
  /** Names and agent rows feed the live snapshot: recompute it. */
  onChanged?: () => void;
}

/** Renaming and merging agents (the directory screen on #/data, `floorwatch agents`). */
export function agentHandlers(deps: AgentHandlerDeps): Pick<Handlers, AgentMethods> {
  const agents = createAgentStore(deps.db);
  return {
    'agents.directory': () => agents.list(),
    'agents.rename': ({ id, name }) => {
      const entry = agents.rename(id, name);
      deps.hub.emit('agents.changed', { kind: 'renamed', id, into: null });
      deps.onChanged?.();
      return entry;
    },
    'agents.merge': ({ from, into }) => {
      const result = agents.merge(from, into);
      deps.directory.forget();
      deps.hub.emit('agents.changed', { kind: 'merged', id: from, into });
      deps.onChanged?.();
      return result;
    },
  };
}

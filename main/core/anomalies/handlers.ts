import { ApiError } from '../../../shared/contract/errors';
import type { Handlers } from '../api/dispatcher';
import { createAnomalyService, type AnomalyServiceDeps } from './service';

type AnomalyMethods = 'anomalies.overview' | 'anomalies.scan' | 'anomalies.list' | 'anomalies.contacts' | 'anomalies.setStatus';

/**
 * The anomaly methods of the contract. Reads (overview, list, contacts) write nothing; flags are
 * recorded by the periodic scan started here (once a minute when new data arrived, and after an
 * import; it stops by itself when the database closes) and by `anomalies.scan`.
 */
export function createAnomalyHandlers(deps: AnomalyServiceDeps & { log?: (m: string) => void; live?: boolean }): Pick<Handlers, AnomalyMethods> {
  const service = createAnomalyService(deps);
  if (deps.live !== false) service.startLive(deps.log);
  const notFound = (id: number) => new ApiError('not-found', `No anomaly with id ${id}.`);
  return {
    'anomalies.overview': (range) => service.overview(range),
    'anomalies.scan': (range) => service.run(range).overview,
    'anomalies.list': (input) => service.list(input),
    'anomalies.contacts': ({ limit, ...ref }) => {
      const rows = service.contacts(ref, limit);
      if (!rows) throw 'id' in ref ? notFound(ref.id) : new ApiError('not-found', 'That anomaly is no longer found in this period; scan again.');
      return rows;
    },
    'anomalies.setStatus': ({ id, status, reason }) => {
      const f = service.setStatus(id, status, reason?.trim() || null);
      if (!f) throw notFound(id);
      return f;
    },
  };
}

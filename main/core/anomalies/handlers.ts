import { ApiError } from '../../../shared/contract/errors';
import type { Handlers } from '../api/dispatcher';
import { createAnomalyService, type AnomalyServiceDeps } from './service';

type AnomalyMethods = 'anomalies.overview' | 'anomalies.list' | 'anomalies.contacts' | 'anomalies.setStatus';

/**
 * The anomaly methods of the contract. Starts the live rescan (once a minute when new data
 * arrived); it stops by itself when the database closes.
 */
export function createAnomalyHandlers(deps: AnomalyServiceDeps & { log?: (m: string) => void; live?: boolean }): Pick<Handlers, AnomalyMethods> {
  const service = createAnomalyService(deps);
  if (deps.live !== false) service.startLive(deps.log);
  const notFound = (id: number) => new ApiError('not-found', `No anomaly with id ${id}.`);
  return {
    'anomalies.overview': (range) => service.run(range).overview,
    'anomalies.list': (input) => service.list(input),
    'anomalies.contacts': ({ id, limit }) => {
      const rows = service.contacts(id, limit);
      if (!rows) throw notFound(id);
      return rows;
    },
    'anomalies.setStatus': ({ id, status, reason }) => {
      const f = service.setStatus(id, status, reason?.trim() || null);
      if (!f) throw notFound(id);
      return f;
    },
  };
}

import type { Migration } from './types';

/**
 * The live agents panel counts each agent's ring-no-answers today on every snapshot. Through
 * attempts_agent that read every attempt of the day and its row; this index holds only the
 * no-answers, so the count walks a short index range and touches no table row.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'live-counts',
  up: `
CREATE INDEX attempts_rna ON attempts (agent_id, at) WHERE result = 'no-answer';
`,
};

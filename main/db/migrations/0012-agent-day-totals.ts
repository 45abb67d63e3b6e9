import { DAY_KEY_SQL, localInstantSql } from './0006-rollup-tiers';
import { SUMS } from './0009-rollup-extras';
import type { Migration } from './types';

/** One upsert into rollup_day_agent_total from a rollup_hour row (`NEW`, `OLD`, or their difference). */
const totalUpsert = (row: 'NEW' | 'OLD', values: (c: string) => string) => `
  INSERT INTO rollup_day_agent_total (day, agent_id, ${SUMS.join(', ')})
    SELECT ${DAY_KEY_SQL('l')}, ${row}.agent_id, ${SUMS.map(values).join(', ')}
    FROM (SELECT ${localInstantSql(`${row}.hour_at`)} AS l) WHERE true
    ON CONFLICT (day, agent_id) DO UPDATE SET ${SUMS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')};`;

/**
 * `rollup_day_agent_total`: an agent's sums per local day over every channel, queue and segment,
 * kept by triggers on rollup_hour like rollup_day_agent. The per-agent table of a range (#/review
 * by agent, `kpis --by agent`) reads one row per agent and day from it, where rollup_day_agent
 * holds a row per channel × queue × segment too (about twelve times as many to sum and sort).
 * Filled from rollup_day_agent, which holds the same sums under the finer key.
 */
export const migration0012: Migration = {
  version: 12,
  name: 'agent-day-totals',
  up: `
CREATE TABLE rollup_day_agent_total (
  day TEXT NOT NULL,
  agent_id INTEGER NOT NULL,
  ${SUMS.map((c) => `${c} INTEGER NOT NULL DEFAULT 0`).join(',\n  ')},
  PRIMARY KEY (day, agent_id)
) STRICT, WITHOUT ROWID;

INSERT INTO rollup_day_agent_total (day, agent_id, ${SUMS.join(', ')})
  SELECT day, agent_id, ${SUMS.map((c) => `SUM(${c})`).join(', ')} FROM rollup_day_agent GROUP BY day, agent_id;

CREATE TRIGGER rollup_day_agent_total_insert AFTER INSERT ON rollup_hour BEGIN${totalUpsert('NEW', (c) => `NEW.${c}`)}
END;
CREATE TRIGGER rollup_day_agent_total_update AFTER UPDATE ON rollup_hour BEGIN${totalUpsert('NEW', (c) => `NEW.${c} - OLD.${c}`)}
END;
CREATE TRIGGER rollup_day_agent_total_delete AFTER DELETE ON rollup_hour BEGIN${totalUpsert('OLD', (c) => `-OLD.${c}`)}
END;
`,
};

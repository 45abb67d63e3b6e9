import type { Database } from 'better-sqlite3';

export interface Migration {
  /** Equals its position in the registry (1-based); becomes PRAGMA user_version once applied. */
  version: number;
  name: string;
  /** SQL text, or a function for data migrations. Runs inside one transaction. */
  up: string | ((db: Database) => void);
}

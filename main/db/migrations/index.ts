import { migration0001 } from './0001-initial';
import type { Migration } from './types';

/** The registry: every migration, imported explicitly, in order. Append only. */
export const MIGRATIONS: readonly Migration[] = [migration0001];

export const LATEST_VERSION = MIGRATIONS.length;

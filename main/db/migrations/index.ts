import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-sources';
import type { Migration } from './types';

/** The registry: every migration, imported explicitly, in order. Append only. */
export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002];

export const LATEST_VERSION = MIGRATIONS.length;

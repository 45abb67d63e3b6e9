import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-sources';
import { migration0003 } from './0003-anomalies';
import { migration0004 } from './0004-coaching';
import { migration0005 } from './0005-review';
import { migration0006 } from './0006-rollup-tiers';
import { migration0007 } from './0007-live-counts';
import { migration0008 } from './0008-rollup-waited';
import { migration0009 } from './0009-rollup-extras';
import { migration0010 } from './0010-pending-events';
import { migration0011 } from './0011-caller-spelling';
import { migration0012 } from './0012-agent-day-totals';
import type { Migration } from './types';

/** The registry: every migration, imported explicitly, in order. Append only. */
export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011, migration0012];

export const LATEST_VERSION = MIGRATIONS.length;

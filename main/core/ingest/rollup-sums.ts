/**
 * The sum columns every rollup tier carries (rollup_hour, rollup_hour_seg, rollup_day_seg,
 * rollup_month_seg), in the order ingest accumulates them. Migrations keep their own frozen copy.
 */
export const ROLLUP_SUMS = [
  'offered',
  'answered',
  'abandoned',
  'short_abandoned',
  'answered_in_target',
  'wait_ms',
  'answered_wait_ms',
  'talk_ms',
  'hold_ms',
  'wrap_ms',
  'waited',
] as const;

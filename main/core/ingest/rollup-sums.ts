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
  // Finished ring attempts, summed under the agent rung (migration 0009).
  'attempts',
  'rna_attempts',
  'transferred',
  /** Contacts with a known customer: the base of the repeat rate. */
  'identified',
  'repeat_contacts',
  /** Answered contacts with a known customer, and those the customer contacted again within the window. */
  'fcr_base',
  'fcr_repeated',
  'csat_responses',
  'csat_satisfied',
  'nps_responses',
  'nps_promoters',
  'nps_detractors',
] as const;

export type RollupSum = (typeof ROLLUP_SUMS)[number];
/** Index of each sum in ROLLUP_SUMS (the accumulators' positions). */
export const SUM_INDEX = Object.fromEntries(ROLLUP_SUMS.map((c, i) => [c, i])) as Record<RollupSum, number>;

import type { CustomerRecord, IngestEvent } from './events';
import type { SegmentRule } from './rollup';

/** What only formats a phone number: spaces (no-break and tabs too), dashes, dots, brackets, slashes. */
const HAS_FORMATTING = /[\s\u00a0\u2010-\u2015\-.()/]/;
const FORMATTING = new RegExp(HAS_FORMATTING.source, 'g');
const PHONE = /^\+?[0-9]+$/;
const TRUNK_ZERO = /^(\s*\+[0-9][0-9\s]*)\(0\)/;

/**
 * The one spelling of a caller under which contacts, the customer directory and caller-prefix
 * rules meet: a phone number loses its formatting ("+372 5555-0101" → "+37255550101",
 * "+44 (0)20 7946 0000" → "+442079460000", "(05) 5550-101" → "055550101"), so a directory
 * exported from a CRM links to the numbers the PBX logged. Anything that is not a number once
 * the formatting is gone (a chat handle, an e-mail address, a pseudonym) is kept as it is: its
 * dots and dashes mean something.
 */
export function normaliseCaller(caller: string): string {
  if (!HAS_FORMATTING.test(caller)) return caller;
  // "+44 (0)20 …": the bracketed trunk 0 is not dialled after a country code.
  const bare = caller.replace(TRUNK_ZERO, '$1').replace(FORMATTING, '');
  return PHONE.test(bare) ? bare : caller;
}

/** Events with their callers normalised; the same array when none changes. */
export function normaliseEventCallers(events: readonly IngestEvent[]): readonly IngestEvent[] {
  let out: IngestEvent[] | null = null;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (e.kind !== 'enqueued' || !e.caller) continue;
    const caller = normaliseCaller(e.caller);
    if (caller === e.caller) continue;
    out ??= events.slice();
    out[i] = { ...e, caller };
  }
  return out ?? events;
}

/** Directory entries keyed by the normalised caller. */
export function normaliseCustomerCallers(records: readonly CustomerRecord[]): CustomerRecord[] {
  return records.map((r) => {
    const caller = normaliseCaller(r.caller);
    return caller === r.caller ? r : { ...r, caller };
  });
}

/** Segment rules with their caller prefixes spelled as callers are ("+372 5" → "+3725"). */
export function normaliseRules(rules: readonly SegmentRule[]): readonly SegmentRule[] {
  return rules.some((r) => r.kind === 'prefix' && normaliseCaller(r.pattern) !== r.pattern)
    ? rules.map((r) => (r.kind === 'prefix' ? { ...r, pattern: normaliseCaller(r.pattern) } : r))
    : rules;
}

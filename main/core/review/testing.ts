import type { IngestEvent } from '../ingest/events';

/**
 * A small, fully known history for review tests: `days` local days before `endDay` (UTC dates,
 * site zone UTC), `perDay` contacts each at 09:00 + k × 7 min. Segments rotate VIP / Gold (金卡) /
 * none; every 4th contact rings agent B out before A answers; every 5th abandons; every 6th is
 * transferred.
 */
export function reviewHistory(endDay: string, days: number, perDay: number): IngestEvent[] {
  const out: IngestEvent[] = [];
  const end = Date.parse(`${endDay}T00:00:00Z`);
  for (let d = 0; d < days; d++) {
    const day = end - d * 86_400_000;
    for (let k = 0; k < perDay; k++) {
      const at = day + 9 * 3_600_000 + k * 7 * 60_000;
      const id = `r-${d}-${k}`;
      const base = { source: 'test', id };
      out.push({ kind: 'enqueued', ...base, at, channel: k % 7 === 3 ? 'chat' : 'voice', queue: k % 2 ? 'Sales' : 'Support', caller: `+3725${String(k % 40).padStart(6, '0')}`, segment: [null, 'VIP', '金卡'][k % 3] });
      if (k % 5 === 4) {
        out.push({ kind: 'ended', ...base, at: at + 30_000, outcome: 'abandoned' });
        continue;
      }
      if (k % 4 === 0) {
        out.push({ kind: 'ring', ...base, at: at + 2_000, agent: 'Agent B' });
        out.push({ kind: 'ring-end', ...base, at: at + 17_000, agent: 'Agent B', ringMs: 15_000, result: 'no-answer' });
      }
      out.push({ kind: 'ring', ...base, at: at + 18_000, agent: 'Agent A' });
      out.push({ kind: 'answered', ...base, at: at + 20_000, agent: 'Agent A' });
      if (k % 6 === 5) out.push({ kind: 'transferred', ...base, at: at + 60_000, to: 'Agent C' });
      out.push({ kind: 'ended', ...base, at: at + 200_000, outcome: 'answered', talkMs: 180_000 });
    }
  }
  return out;
}

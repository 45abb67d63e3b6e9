/**
 * Queue depth per minute over the last hour, kept in memory. The store is read once (on start,
 * or after a long pause) to seed it; after that each snapshot's waiting counts are the sample of
 * the current minute, and a minute closes with the last depth observed in it.
 */
const MINUTE = 60_000;
const CLOSED = 59;

interface Sample {
  minute: number;
  counts: ReadonlyMap<string, number>;
}

export interface SpanRow {
  keys: readonly string[];
  enterAt: number;
  leftAt: number | null;
}

export class DepthHistory {
  private closed: Sample[] = [];
  private open: Sample | null = null;

  /** True when the history must be (re)built from the store before `observe`. */
  needsSeed(now: number): boolean {
    const minute = Math.floor(now / MINUTE);
    return this.open === null || minute - this.open.minute > CLOSED;
  }

  /** Seeds the closed minutes from contacts' [enter, left) spans. */
  seed(now: number, rows: Iterable<SpanRow>): void {
    const minute = Math.floor(now / MINUTE);
    const samples = Array.from({ length: CLOSED }, (_, i) => ({ minute: minute - CLOSED + i, counts: new Map<string, number>() }));
    for (const r of rows) {
      for (const s of samples) {
        const t = s.minute * MINUTE;
        if (r.enterAt <= t && (r.leftAt === null || r.leftAt > t)) for (const k of r.keys) s.counts.set(k, (s.counts.get(k) ?? 0) + 1);
      }
    }
    this.closed = samples;
    this.open = { minute, counts: new Map() };
  }

  observe(now: number, counts: ReadonlyMap<string, number>): void {
    const minute = Math.floor(now / MINUTE);
    if (this.open && this.open.minute < minute) {
      // Close the open minute, and carry its depth over minutes in which nothing was observed.
      for (let m = this.open.minute; m < minute; m++) this.closed.push({ minute: m, counts: this.open.counts });
      if (this.closed.length > CLOSED) this.closed = this.closed.slice(-CLOSED);
    }
    if (!this.open || this.open.minute <= minute) this.open = { minute, counts };
  }

  /** 60 values, oldest first; the last is the current minute. */
  series(key: string): number[] {
    const out = this.closed.map((s) => s.counts.get(key) ?? 0);
    while (out.length < CLOSED) out.unshift(0);
    out.push(this.open?.counts.get(key) ?? 0);
    return out;
  }
}

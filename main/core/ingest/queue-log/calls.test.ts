import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../simulator/random';
import { CallTable } from './calls';
import { EVENT_SPECS, knownEventAt, OUTBOUND_SPEC, specOf } from './event-specs';
import { Interner } from './strings';

/**
 * The call table's rules with a Map kept in `since` order (touched entries re-inserted at the
 * young end by the sweep): simple enough to be obviously right, too slow for millions of lines.
 */
class ModelTable {
  readonly calls = new Map<string, { entries: number; lastAt: number; since: number }>();
  private clock = 0;
  private lastSweep = 0;

  constructor(private readonly horizonMs: number) {}

  touch(callid: string, at: number) {
    let call = this.calls.get(callid);
    if (call) {
      if (at > call.lastAt) call.lastAt = at;
    } else {
      call = { entries: 0, lastAt: at, since: at };
      this.calls.set(callid, call);
    }
    return call;
  }

  restore(rows: ReadonlyArray<readonly [string, number, number, ...unknown[]]>, clock: number): void {
    for (const [callid, entries, lastAt] of rows) this.calls.set(callid, { entries, lastAt, since: lastAt });
    this.clock = clock;
    this.lastSweep = clock;
  }

  advance(at: number): void {
    if (at <= this.clock) return;
    this.clock = at;
    if (at - this.lastSweep < 60_000) return;
    this.lastSweep = at;
    const cutoff = at - this.horizonMs;
    for (const [callid, call] of this.calls) {
      if (call.since >= cutoff) break;
      this.calls.delete(callid);
      if (call.lastAt >= cutoff) {
        call.since = call.lastAt;
        this.calls.set(callid, call);
      }
    }
  }
}

describe('call table', () => {
  it('remembers and forgets exactly the calls the ordered-map rules do, through growth, shrinking and collisions', () => {
    const rnd = mulberry32(11);
    const horizon = 20 * 60_000;
    const table = new CallTable(horizon);
    const model = new ModelTable(horizon);
    let at = 1_700_000_000_000;
    let next = 0;
    const ids = (n: number) => `${1_700_000_000 + (n >> 3)}.${n}`;
    for (let step = 0; step < 60_000; step++) {
      // Busy and quiet stretches, so the table grows past its first size and shrinks back.
      const busy = Math.floor(step / 15_000) % 2 === 0;
      at += Math.floor(rnd() * (busy ? 2_000 : 90_000));
      const r = rnd();
      // New calls, lines of recent calls, and now and then a line of a long-silent one.
      const n = r < 0.35 ? next++ : r < 0.95 ? Math.max(0, next - 1 - Math.floor(rnd() * 200)) : Math.floor(rnd() * Math.max(1, next));
      const id = ids(n);
      const a = table.touch(id, at);
      const b = model.touch(id, at);
      expect(a.entries).toBe(b.entries);
      if (rnd() < 0.3) {
        a.entries++;
        b.entries++;
      }
      table.advance(at);
      model.advance(at);
      if (step % 997 === 0) {
        expect(table.size).toBe(model.calls.size);
        for (const [callid, call] of model.calls) expect(table.peek(callid)?.lastAt).toBe(call.lastAt);
      }
    }
    expect(table.size).toBe(model.calls.size);
    const saved = table.save();
    expect(saved.map((row) => row[0]).sort()).toEqual([...model.calls.keys()].sort());

    // A restored table saves what it was given, and goes on by the same rules.
    const restored = new CallTable(horizon);
    restored.restore(saved, table.now);
    expect(restored.save()).toEqual(saved);
    const restoredModel = new ModelTable(horizon);
    restoredModel.restore(saved, table.now);
    for (let step = 0; step < 5_000; step++) {
      at += Math.floor(rnd() * 60_000);
      const id = ids(rnd() < 0.5 ? next++ : Math.floor(rnd() * next));
      expect(restored.touch(id, at).entries).toBe(restoredModel.touch(id, at).entries);
      restored.advance(at);
      restoredModel.advance(at);
      expect(restored.size).toBe(restoredModel.calls.size);
    }
  });

  it('keeps no view on the line a call id was cut from', () => {
    const line = `1700000000|1700000000.123456|q|NONE|ENTERQUEUE||100|1`;
    const table = new CallTable(60_000);
    const call = table.touch(line.slice(11, 28), 1);
    expect(call.callid).toBe('1700000000.123456');
    expect(table.touch('1700000000.123456', 2)).toBe(call);
  });
});

describe('event lookup', () => {
  it('finds every known event inside a line, and nothing else', () => {
    for (const [name, spec] of EVENT_SPECS) {
      const line = `1|c|q|a|${name}|x`;
      expect(knownEventAt(line, 8, 8 + name.length)).toBe(spec);
      expect(specOf(name)).toBe(spec);
      // Same length, first and last letter, different name.
      const twin = `${name[0]}${'X'.repeat(Math.max(0, name.length - 2))}${name.length > 1 ? name[name.length - 1] : ''}`;
      if (twin !== name && !EVENT_SPECS.has(twin)) expect(specOf(twin)).toBeUndefined();
    }
    expect(specOf('OUTHOLD')).toBe(OUTBOUND_SPEC);
    expect(specOf('enterqueue')).toBeUndefined();
    expect(specOf('ENTERQUEUEX')).toBeUndefined();
    expect(specOf('')).toBeUndefined();
  });
});

describe('interner', () => {
  it('gives back the same text for every name, whichever names share a slot', () => {
    const names = new Interner();
    const all = Array.from({ length: 5_000 }, (_, i) => (i % 3 === 0 ? `Local/${i}@from-queue-agent` : `q${i}`));
    for (let round = 0; round < 3; round++) for (const s of all) expect(names.intern(s.slice(0))).toBe(s);
  });
});

describe('call ids that UTF-8 cannot carry', () => {
  it('keeps a call id with a lone surrogate as it is, so its later lines find the call', () => {
    const table = new CallTable(60_000);
    const id = '1700000000.12\ud800345';
    const call = table.touch(id, 1);
    call.entries = 1;
    expect(call.callid).toBe(id);
    expect(table.touch(`${id}`, 2).entries).toBe(1);
    expect(new Interner().intern(`Local/\udc00-long-agent-name`)).toBe(`Local/\udc00-long-agent-name`);
  });
});

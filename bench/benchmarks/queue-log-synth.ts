import fs from 'node:fs';
import { mulberry32 } from '../../main/core/simulator/random';

/**
 * Synthetic Asterisk queue_log for the import and tail benchmarks: a large floor (240 agents, 12
 * queues, calls overlapping in time, a daily load curve), lines in time order as Asterisk writes them. Per call:
 * ENTERQUEUE, then either ABANDON or (sometimes a RINGNOANSWER first) CONNECT and
 * COMPLETECALLER/COMPLETEAGENT — about three lines a call — plus pause/unpause and member lines.
 * Written streaming, so a 5 M-line file never sits in memory.
 */
export interface SynthOptions {
  lines: number;
  agents?: number;
  queues?: number;
  /** Epoch seconds of the first line. */
  start?: number;
  seed?: number;
}

export interface SynthResult {
  lines: number;
  calls: number;
  bytes: number;
  /** Epoch seconds of the last line. */
  lastAt: number;
}

/** Share of the peak arrival rate in each UTC hour (a site two hours east of UTC). */
const PROFILE = [0.02, 0.02, 0.02, 0.02, 0.05, 0.3, 0.7, 0.9, 1, 1, 0.8, 0.85, 0.95, 1, 0.9, 0.7, 0.5, 0.3, 0.15, 0.08, 0.05, 0.03, 0.02, 0.02];
const load = (hour: number) => PROFILE[hour]!;

export function writeSyntheticQueueLog(file: string, o: SynthOptions): SynthResult {
  const agents = o.agents ?? 240;
  const queues = o.queues ?? 12;
  // Seeded, so every run imports the same file.
  const rnd = mulberry32(o.seed ?? 7);
  const fd = fs.openSync(file, 'w');
  /** Lines due at a future second, keyed by that second (talk times bound how far ahead). */
  const due = new Map<number, string[]>();
  let out: string[] = [];
  let outChars = 0;
  let lines = 0;
  let calls = 0;
  let bytes = 0;
  const flushOut = () => {
    const s = out.join('');
    bytes += Buffer.byteLength(s);
    fs.writeSync(fd, s);
    out = [];
    outChars = 0;
  };
  const emit = (s: string) => {
    out.push(s);
    outChars += s.length;
    lines++;
    if (outChars > 1 << 20) flushOut();
  };
  const later = (t: number, s: string) => {
    let l = due.get(t);
    if (!l) due.set(t, (l = []));
    l.push(s);
  };
  const agentName = (i: number) => (i % 3 === 0 ? `SIP/${1000 + i}` : `Agent ${i}`);
  let t = o.start ?? 1_767_225_600; // 2026-01-01T00:00:00Z
  let seq = 0;
  for (let a = 0; a < agents; a++) emit(`${t}|MANAGER|q${a % queues}|${agentName(a)}|ADDMEMBER|\n`);
  while (lines < o.lines) {
    for (const l of due.get(t) ?? []) emit(l);
    due.delete(t);
    // Arrivals this second, as many as the staff can take (occupancy ~85 %, handle time ~4 min)
    // shaped over the day: busy late morning and afternoon, quiet at night.
    const rate = (agents * 0.85) / 240 * load(Math.floor((t % 86_400) / 3600));
    const arrivals = (rnd() < rate / 2 ? 1 : 0) + (rnd() < rate / 2 ? 1 : 0);
    for (let k = 0; k < arrivals && lines < o.lines; k++) {
      calls++;
      const uid = `${t}.${seq++}`;
      const q = `q${Math.floor(rnd() * queues)}`;
      const caller = `+3725${String(Math.floor(rnd() * 900_000) + 100_000)}`;
      emit(`${t}|${uid}|${q}|NONE|ENTERQUEUE||${caller}|${1 + Math.floor(rnd() * 5)}\n`);
      const wait = Math.floor(rnd() * 60);
      const r = rnd();
      if (r < 0.15) {
        later(t + wait + 1, `${t + wait + 1}|${uid}|${q}|NONE|ABANDON|1|1|${wait + 1}\n`);
        continue;
      }
      const agent = agentName(Math.floor(rnd() * agents));
      let ring = 1 + Math.floor(rnd() * 6);
      if (r > 0.8) {
        const other = agentName(Math.floor(rnd() * agents));
        later(t + wait, `${t + wait}|${uid}|${q}|${other}|RINGNOANSWER|15000\n`);
        ring += 15;
      }
      const talk = 30 + Math.floor(rnd() * 400);
      const answer = t + wait + 1;
      later(answer, `${answer}|${uid}|${q}|${agent}|CONNECT|${wait + 1}|${uid}9|${ring}\n`);
      const end = rnd() < 0.5 ? 'COMPLETECALLER' : 'COMPLETEAGENT';
      later(answer + talk, `${answer + talk}|${uid}|${q}|${agent}|${end}|${wait + 1}|${talk}|1\n`);
    }
    if (rnd() < 0.02 * load(Math.floor((t % 86_400) / 3600))) {
      const a = agentName(Math.floor(rnd() * agents));
      emit(`${t}|NONE|NONE|${a}|PAUSE|Lunch\n`);
      later(t + 300, `${t + 300}|NONE|NONE|${a}|UNPAUSE|\n`);
    }
    t++;
  }
  // Finish the calls in progress, so every contact has its end line.
  let lastAt = t;
  for (const s of [...due.keys()].sort((x, y) => x - y)) {
    for (const l of due.get(s)!) emit(l);
    lastAt = Math.max(lastAt, s);
  }
  flushOut();
  fs.closeSync(fd);
  return { lines, calls, bytes, lastAt };
}

import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { IngestEvent } from '../events';
import { presetMapping } from './presets';
import { collectFile, ofKind, publicData } from './testing';

/**
 * The PwC Call Centre file end to end (BOM, CRLF, spaces and parentheses in the header). Expected
 * figures come from SOURCE.md or from plain split() counts on the raw file made here.
 */
const FILE = publicData('pwc-call-center-2021q1', 'Call-Center-Dataset.csv');

function rawColumn(name: string): string[] {
  const lines = readFileSync(FILE, 'utf8').replace(/^\uFEFF/, '').split('\r\n').filter((l) => l !== '');
  const i = lines[0].split(',').indexOf(name);
  return lines.slice(1).map((l) => l.split(',')[i]);
}

describe('pwc preset', () => {
  let run: Awaited<ReturnType<typeof collectFile>>;
  beforeAll(async () => {
    // A small chunk size makes CRLF pairs and the BOM straddle chunk boundaries.
    run = await collectFile(FILE, presetMapping('pwc'), { chunkSize: 1000 });
  });

  it('reads all 5,000 calls (SOURCE.md) without rejects', () => {
    expect(run.result.stats.records).toBe(5000);
    expect(run.result.stats.rejected).toBe(0);
    expect(run.result.fatal).toBeNull();
    expect(run.result.warnings).toEqual([]);
    expect(run.result.headers[0]).toBe('Call Id');
    for (const e of run.events) expect(IngestEvent.safeParse(e).success).toBe(true);
  });

  it('counts offered, answered and abandoned', () => {
    const answeredCol = rawColumn('Answered (Y/N)');
    // SOURCE.md: Y 4,054 / N 946; recounted from the raw column.
    expect(answeredCol.filter((v) => v === 'Y')).toHaveLength(4054);
    expect(ofKind(run.events, 'enqueued')).toHaveLength(5000);
    expect(ofKind(run.events, 'answered')).toHaveLength(4054);
    expect(ofKind(run.events, 'ended').filter((e) => e.outcome === 'abandoned')).toHaveLength(946);
    expect(run.result.stats.outcomes).toEqual({ answered: 4054, abandoned: 946 });
  });

  it('has the 8 agents and 5 topics of SOURCE.md', () => {
    expect(run.result.stats.agents).toEqual(['Becky', 'Dan', 'Diane', 'Greg', 'Jim', 'Joe', 'Martha', 'Stewart']);
    const seg = new Map<string, number>();
    for (const e of ofKind(run.events, 'enqueued')) seg.set(e.segment!, (seg.get(e.segment!) ?? 0) + 1);
    expect(Object.fromEntries(seg)).toEqual({
      Streaming: 1022,
      'Technical Support': 1019,
      'Payment related': 1007,
      'Contract related': 976,
      'Admin Support': 976,
    });
    // Topic is also the reason on every contact.
    const segmentOf = new Map(ofKind(run.events, 'enqueued').map((e) => [e.id, e.segment]));
    for (const e of ofKind(run.events, 'ended')) expect(e.reason).toBe(segmentOf.get(e.id));
  });

  it('carries speed of answer, talk time, resolved and satisfaction', () => {
    const answered = ofKind(run.events, 'answered');
    const speed = rawColumn('Speed of answer in seconds').filter((v) => v !== '');
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(answered.map((e) => e.waitMs!))).toBe(sum(speed.map(Number)) * 1000);
    const talk = rawColumn('AvgTalkDuration').filter((v) => v !== '').map((v) => v.split(':').reduce((a, p) => a * 60 + Number(p), 0));
    const ended = ofKind(run.events, 'ended');
    expect(sum(ended.map((e) => e.talkMs ?? 0))).toBe(sum(talk) * 1000);
    // SOURCE.md: Resolved Y 3,646.
    expect(ended.filter((e) => e.resolved === true)).toHaveLength(3646);
    expect(ended.filter((e) => e.csat != null)).toHaveLength(rawColumn('Satisfaction rating').filter((v) => v !== '').length);
    // An answered call ends after its answer plus talk.
    const answerAt = new Map(answered.map((e) => [e.id, e.at]));
    for (const e of ended) if (answerAt.has(e.id)) expect(e.at).toBe(answerAt.get(e.id)! + (e.talkMs ?? 0));
  });

  it('leaves the wait of abandoned calls unknown (the file has none), never 0 s', () => {
    const abandoned = ofKind(run.events, 'ended').filter((e) => e.outcome === 'abandoned');
    // SOURCE.md: Speed of answer is empty when unanswered (946 N rows).
    expect(abandoned).toHaveLength(946);
    for (const e of abandoned) expect([e.waitMs ?? null, e.waitUnknown]).toEqual([null, true]);
    for (const e of ofKind(run.events, 'ended').filter((x) => x.outcome === 'answered')) expect(e.waitUnknown).toBeUndefined();
  });

  it('places enter times in the source zone (default UTC)', async () => {
    // Raw: ID0001 2021-01-01 9:12:58 is the first call; the last is the latest Date+Time.
    expect(new Date(run.result.stats.firstEnterAt!).toISOString()).toBe('2021-01-01T09:12:58.000Z');
    const dates = rawColumn('Date');
    const times = rawColumn('Time');
    const stamps = dates.map((d, i) => `${d}T${times[i].padStart(8, '0')}Z`).sort();
    expect(run.result.stats.lastEnterAt).toBe(Date.parse(stamps[stamps.length - 1]));
    const zurich = await collectFile(FILE, presetMapping('pwc'), { sourceTimeZone: 'Europe/Zurich' });
    // CET = UTC+1 in January.
    expect(zurich.result.stats.firstEnterAt).toBe(Date.parse('2021-01-01T08:12:58Z'));
  });

  it('can keep Topic as the reason only', async () => {
    const run2 = await collectFile(FILE, presetMapping('pwc', { topicAsSegment: false }));
    expect(ofKind(run2.events, 'enqueued').every((e) => e.segment == null)).toBe(true);
    expect(ofKind(run2.events, 'ended')[0].reason).toBe('Contract related');
  });
});

import type { Mapping, OutcomeRule } from './mapping';
import { presetMapping, type PresetName } from './presets';

export interface MappingSuggestion {
  /** The preset recognised from the header, or null for a guessed generic mapping. */
  preset: PresetName | null;
  mapping: Mapping;
  /** Mapping field → the column chosen for it. */
  matched: Record<string, string>;
  /** Fields the mapping needs that no column was found for (the user must map them). */
  missing: string[];
}

const norm = (h: string) => h.toLowerCase().replace(/[^a-z0-9+]/g, '');

/** Header spellings per field, compared without case, spaces or punctuation. First match wins. */
const SYNONYMS: Record<string, string[]> = {
  id: ['id', 'callid', 'contactid', 'uniqueid', 'interactionid', 'conversationid', 'ticketid', 'caseid', 'sessionid', 'linkedid'],
  channel: ['channel', 'mediatype', 'media', 'medium'],
  queue: ['queue', 'queuename', 'skill', 'skillgroup', 'split', 'department', 'group'],
  caller: ['caller', 'callerid', 'ani', 'clid', 'phone', 'phonenumber', 'customerid', 'customer', 'from', 'src'],
  segment: ['segment', 'customersegment', 'tier', 'customertype', 'priority'],
  enter: ['entertime', 'enterat', 'queuestart', 'queuedat', 'enqueuetime', 'starttime', 'startedat', 'start', 'createdat', 'created', 'arrivaltime', 'calltime', 'datetime', 'timestamp'],
  date: ['date', 'calldate', 'day'],
  time: ['time', 'calltime', 'starttime'],
  answer: ['answertime', 'answeredat', 'answerat', 'connecttime', 'connectedat'],
  end: ['endtime', 'endedat', 'endat', 'end', 'hanguptime', 'disconnecttime', 'closedat'],
  outcome: ['outcome', 'result', 'status', 'callstatus', 'disposition'],
  answeredFlag: ['answered', 'answeredyn', 'isanswered'],
  agent: ['agent', 'agentname', 'agentid', 'username', 'user', 'operator', 'rep', 'handledby'],
  wait: ['waits', 'wait', 'waittime', 'waitseconds', 'speedofanswerinseconds', 'speedofanswer', 'queuetime', 'queueduration'],
  talk: ['talks', 'talk', 'talktime', 'talkduration', 'avgtalkduration', 'handletime', 'duration', 'billsec'],
  hold: ['holds', 'hold', 'holdtime', 'holdduration'],
  wrap: ['wraps', 'wrap', 'wrapup', 'wraptime', 'acw', 'aftercallwork'],
  reason: ['reason', 'topic', 'category', 'subject', 'calltype'],
  resolved: ['resolved', 'isresolved', 'fcr'],
  csat: ['csat', 'satisfactionrating', 'satisfaction', 'rating'],
  nps: ['nps', 'npsscore'],
};

/**
 * Picks a preset from header names (`vru+line` → technion-bank, `Call Id` → pwc, `ContactId` →
 * connect-ctr, `id` + `enter_time` → generic), or guesses a mapping column by column. Sample
 * rows (header → text) let the guess choose date and time formats.
 */
export function suggestMapping(headers: readonly string[], samples: readonly Record<string, string>[] = []): MappingSuggestion {
  const names = headers.map((h) => h.replace(/^\uFEFF/, '').trim());
  const has = (n: string) => names.some((h) => norm(h) === norm(n));
  const preset: PresetName | null = has('vru+line')
    ? 'technion-bank'
    : has('Call Id')
      ? 'pwc'
      : has('ContactId')
        ? 'connect-ctr'
        : has('id') && has('enter_time')
          ? 'generic'
          : null;
  if (preset) return { preset, mapping: presetMapping(preset), matched: {}, missing: [] };
  return guess(names, samples);
}

function guess(headers: string[], samples: readonly Record<string, string>[]): MappingSuggestion {
  const taken = new Set<string>();
  const matched: Record<string, string> = {};
  const pick = (field: string): string | undefined => {
    for (const syn of SYNONYMS[field]) {
      const h = headers.find((x) => !taken.has(x) && norm(x) === syn);
      if (h) {
        taken.add(h);
        matched[field] = h;
        return h;
      }
    }
    return undefined;
  };
  const sampleOf = (col: string) => samples.map((s) => s[col]).filter((v): v is string => typeof v === 'string' && v.trim() !== '');

  const missing: string[] = [];
  const id = pick('id');
  if (!id) missing.push('id');
  const answer = pick('answer');
  const end = pick('end');
  let enter = pick('enter');
  let date: string | undefined;
  if (!enter) {
    date = pick('date');
    enter = pick('time');
    if (!date || !enter) missing.push('enter');
  }
  const json = headers.some((h) => h.includes('.'));
  const mapping: Mapping = {
    version: 1,
    name: 'custom',
    format: json ? 'json' : 'csv',
    id: id ?? 'id',
    channel: pick('channel') ? { column: matched.channel, default: 'voice' } : { const: 'voice' },
    queue: pick('queue') ?? { const: 'default' },
    enter: { column: enter ?? 'enter_time', format: 'iso' },
    outcome: 'answered',
  };
  if (date) {
    mapping.date = { column: date, format: datePatternOf(sampleOf(date)) };
    mapping.enter = { column: enter ?? 'time', format: 'time' };
  } else if (enter) {
    mapping.enter = { column: enter, format: instantFormatOf(sampleOf(enter)) };
  }
  if (answer) mapping.answer = { column: answer, format: date ? 'time' : instantFormatOf(sampleOf(answer)) };
  if (end) mapping.end = { column: end, format: date ? 'time' : instantFormatOf(sampleOf(end)) };
  for (const f of ['caller', 'segment', 'agent', 'reason', 'resolved', 'csat', 'nps'] as const) {
    const c = pick(f);
    if (c) mapping[f] = c;
  }
  for (const f of ['wait', 'talk', 'hold', 'wrap'] as const) {
    const c = pick(f);
    if (c) mapping[f] = { column: c, unit: 'hms' };
  }
  mapping.outcome = outcomeGuess(pick('outcome'), pick('answeredFlag'), answer, matched.agent);
  if (matched.queue === undefined) missing.push('queue');
  return { preset: null, mapping, matched, missing };
}

function outcomeGuess(outcome: string | undefined, flag: string | undefined, answer: string | undefined, agent: string | undefined): OutcomeRule {
  const fallback: OutcomeRule = answer ? { present: answer, otherwise: 'abandoned' } : agent ? { present: agent, otherwise: 'abandoned' } : 'answered';
  if (flag) return { column: flag, values: { Y: 'answered', YES: 'answered', TRUE: 'answered', '1': 'answered', N: 'abandoned', NO: 'abandoned', FALSE: 'abandoned', '0': 'abandoned' }, whenEmpty: fallback };
  if (outcome) {
    return {
      column: outcome,
      values: { answered: 'answered', handled: 'answered', connected: 'answered', abandoned: 'abandoned', abandon: 'abandoned', timeout: 'timeout', transferred: 'transferred', closed: 'closed' },
      whenEmpty: fallback,
    };
  }
  return fallback;
}

/** The date pattern the samples fit: ISO, compact, or day/month order decided by a part above 12. */
function datePatternOf(samples: string[]): string | string[] {
  const s = samples.map((x) => x.trim());
  if (s.length === 0) return ['YYYY-MM-DD', 'DD/MM/YYYY', 'YYYYMMDD'];
  if (s.every((x) => /^\d{4}-\d{1,2}-\d{1,2}$/.test(x))) return 'YYYY-MM-DD';
  if (s.every((x) => /^\d{8}$/.test(x))) return 'YYYYMMDD';
  if (s.every((x) => /^\d{6}$/.test(x))) return 'YYMMDD';
  const m = s.map((x) => /^(\d{1,2})([./-])(\d{1,2})\2(\d{4})$/.exec(x));
  if (m.every((x) => x !== null)) {
    const sep = m[0]![2];
    // Day-first unless only the second part ever exceeds 12.
    const monthFirst = m.some((x) => Number(x![3]) > 12) && !m.some((x) => Number(x![1]) > 12);
    return monthFirst ? `M${sep}D${sep}YYYY` : `D${sep}M${sep}YYYY`;
  }
  return ['YYYY-MM-DD', 'DD/MM/YYYY', 'YYYYMMDD'];
}

function instantFormatOf(samples: string[]): string {
  const s = samples.map((x) => x.trim());
  if (s.length > 0 && s.every((x) => /^\d{13}$/.test(x))) return 'epoch-ms';
  if (s.length > 0 && s.every((x) => /^\d{9,10}(\.\d+)?$/.test(x))) return 'epoch-s';
  if (s.length > 0 && s.every((x) => /^\d{1,2}[./-]\d{1,2}[./-]\d{4}[ T]\d{1,2}:\d{2}/.test(x))) {
    const pattern = datePatternOf(s.map((x) => x.split(/[ T]/)[0]));
    return `${Array.isArray(pattern) ? 'DD/MM/YYYY' : pattern} HH:mm:ss`;
  }
  return 'iso';
}

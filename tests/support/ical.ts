/**
 * A small, strict RFC 5545 reader for tests, written apart from the generator so the two cannot
 * share a mistake: it checks CRLF line ends and the 75-octet limit, unfolds, splits parameters
 * (quoted values included), unescapes TEXT, builds the component tree, and resolves a
 * DTSTART/DTEND with TZID through the calendar's own VTIMEZONE (not through Intl).
 */
export interface Property {
  name: string;
  params: Record<string, string>;
  value: string;
}

export interface Component {
  name: string;
  props: Property[];
  children: Component[];
}

export class IcalError extends Error {}

export function unfold(text: string): string[] {
  if (!text.endsWith('\r\n')) throw new IcalError('content must end with CRLF');
  const physical = text.slice(0, -2).split('\r\n');
  const encoder = new TextEncoder();
  const lines: string[] = [];
  physical.forEach((line, i) => {
    if (line.includes('\n') || line.includes('\r')) throw new IcalError(`bare CR or LF on line ${i + 1}`);
    if (encoder.encode(line).length > 75) throw new IcalError(`line ${i + 1} is longer than 75 octets`);
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (lines.length === 0) throw new IcalError('continuation before any line');
      lines[lines.length - 1] += line.slice(1);
    } else lines.push(line);
  });
  return lines;
}

export function parseLine(line: string): Property {
  let i = 0;
  const readName = () => {
    const start = i;
    while (i < line.length && /[A-Za-z0-9-]/.test(line[i]!)) i++;
    if (i === start) throw new IcalError(`expected a name at ${i} in "${line}"`);
    return line.slice(start, i).toUpperCase();
  };
  const name = readName();
  const params: Record<string, string> = {};
  while (line[i] === ';') {
    i++;
    const key = readName();
    if (line[i] !== '=') throw new IcalError(`expected "=" after parameter ${key}`);
    i++;
    let value = '';
    if (line[i] === '"') {
      const end = line.indexOf('"', i + 1);
      if (end < 0) throw new IcalError('unterminated quoted parameter');
      value = line.slice(i + 1, end);
      i = end + 1;
    } else {
      const start = i;
      while (i < line.length && !';:,'.includes(line[i]!)) {
        if (line[i] === '"') throw new IcalError('DQUOTE inside an unquoted parameter');
        i++;
      }
      value = line.slice(start, i);
    }
    params[key] = value;
  }
  if (line[i] !== ':') throw new IcalError(`expected ":" in "${line}"`);
  return { name, params, value: line.slice(i + 1) };
}

export function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

export function parseCalendar(text: string): Component {
  const stack: Component[] = [];
  let root: Component | null = null;
  for (const line of unfold(text)) {
    const p = parseLine(line);
    if (p.name === 'BEGIN') {
      const c: Component = { name: p.value.toUpperCase(), props: [], children: [] };
      if (stack.length) stack[stack.length - 1]!.children.push(c);
      else if (root) throw new IcalError('content after the calendar');
      else root = c;
      stack.push(c);
    } else if (p.name === 'END') {
      const c = stack.pop();
      if (!c || c.name !== p.value.toUpperCase()) throw new IcalError(`END:${p.value} does not close ${c?.name}`);
    } else {
      if (!stack.length) throw new IcalError(`property ${p.name} outside any component`);
      stack[stack.length - 1]!.props.push(p);
    }
  }
  if (stack.length || !root) throw new IcalError('unclosed component');
  if (root.name !== 'VCALENDAR') throw new IcalError('not a VCALENDAR');
  return root;
}

export const prop = (c: Component, name: string) => c.props.find((p) => p.name === name);
export const props = (c: Component, name: string) => c.props.filter((p) => p.name === name);

const DATE_TIME = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/;

function wall(value: string): { ms: number; utc: boolean } {
  const m = DATE_TIME.exec(value);
  if (!m) throw new IcalError(`bad DATE-TIME "${value}"`);
  const [, y, mo, d, h, mi, s, z] = m;
  return { ms: Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!), utc: z === 'Z' };
}

function offsetMs(text: string): number {
  const m = /^([+-])(\d{2})(\d{2})(\d{2})?$/.exec(text);
  if (!m) throw new IcalError(`bad UTC-OFFSET "${text}"`);
  const v = (+m[2]! * 3600 + +m[3]! * 60 + +(m[4] ?? 0)) * 1000;
  return m[1] === '-' ? -v : v;
}

/**
 * UTC instant of a DATE-TIME property: Z form, or TZID resolved with the calendar's VTIMEZONE
 * observances (explicit onsets only; the latest onset at or before the wall time wins).
 */
export function instant(calendar: Component, p: Property): number {
  const w = wall(p.value);
  if (w.utc) return w.ms;
  const tzid = p.params.TZID;
  if (!tzid) throw new IcalError(`${p.name} is floating (no TZID, no Z)`);
  const tz = calendar.children.find((c) => c.name === 'VTIMEZONE' && prop(c, 'TZID')?.value === tzid);
  if (!tz) throw new IcalError(`no VTIMEZONE for TZID ${tzid}`);
  const onsets = tz.children
    .filter((c) => c.name === 'STANDARD' || c.name === 'DAYLIGHT')
    .map((c) => {
      if (prop(c, 'RRULE')) throw new IcalError('this reader does not expand RRULE in VTIMEZONE');
      return { at: wall(prop(c, 'DTSTART')!.value).ms, to: offsetMs(prop(c, 'TZOFFSETTO')!.value) };
    })
    .sort((a, b) => a.at - b.at);
  const current = [...onsets].reverse().find((o) => o.at <= w.ms);
  if (!current) throw new IcalError(`${p.value} is before every observance of ${tzid}`);
  return w.ms - current.to;
}

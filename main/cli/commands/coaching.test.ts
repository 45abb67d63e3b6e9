import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../db/open';
import { tempDir } from '../../../tests/support/fixtures';
import { instant, parseCalendar, prop } from '../../../tests/support/ical';
import { runCli } from '../../../tests/support/cli';

const cli = (db: string, ...args: string[]) => runCli(db, 'Europe/Tallinn', ...args);

describe('floorwatch coaching', () => {
  it('adds by alias, refuses a clash with a non-zero exit naming it, lists and writes .ics', () => {
    const dir = tempDir('fw-coaching-cli-');
    const db = path.join(dir, 'fw.sqlite');
    const seed = openDb(db);
    seed.prepare("INSERT INTO agents (id, name) VALUES (1, 'Mari Tamm')").run();
    seed.prepare("INSERT INTO agent_aliases (alias, agent_id) VALUES ('SIP/1001', 1)").run();
    seed.close();

    const add = cli(db, 'coaching', 'add', '--agent', 'SIP/1001', '--lead', 'Lea', '--start', '2026-03-29T10:00', '--minutes', '30', '--topic', 'RNA', '--json');
    expect(add.code, add.err).toBe(0);
    const added = JSON.parse(add.out) as { sessions: { uid: string; startAt: number; endAt: number }[] };
    expect(new Date(added.sessions[0]!.startAt).toISOString()).toBe('2026-03-29T07:00:00.000Z');

    const clash = cli(db, 'coaching', 'add', '--agent', 'Mari Tamm', '--lead', 'Other', '--start', '2026-03-29T10:15', '--minutes', '30', '--topic', 'x');
    expect(clash.code).toBe(1);
    expect(clash.err).toContain('Mari Tamm already has a session at 2026-03-29 10:00–10:30');
    expect(cli(db, 'coaching', 'add', '--agent', '1', '--lead', 'Lea', '--start', '2026-03-29T10:30', '--minutes', '30', '--topic', 'touching').code).toBe(0);

    const list = cli(db, 'coaching', 'list', '--from', '2026-03-29', '--to', '2026-03-29', '--json');
    expect((JSON.parse(list.out) as unknown[]).length).toBe(2);

    const out = path.join(dir, 'c.ics');
    expect(cli(db, 'coaching', 'ics', '--out', out).code).toBe(0);
    const cal = parseCalendar(fs.readFileSync(out, 'utf8'));
    const first = cal.children.find((c) => c.name === 'VEVENT' && prop(c, 'UID')?.value === added.sessions[0]!.uid)!;
    expect(instant(cal, prop(first, 'DTSTART')!)).toBe(added.sessions[0]!.startAt);
    expect(instant(cal, prop(first, 'DTEND')!)).toBe(added.sessions[0]!.endAt);

    const bad = cli(db, 'coaching', 'add', '--agent', 'Nobody', '--lead', 'L', '--start', '2026-03-29T10:00', '--minutes', '30', '--topic', 't');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('No agent "Nobody"');
  }, 60_000);
});

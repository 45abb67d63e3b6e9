import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type CoreInternals } from '../../main/core/app';
import { queryKpis } from '../../main/core/analytics/kpis';
import { DirectoryFormatError, readDirectoryCsv } from '../../main/core/ingest/customers';
import { createMemorySettingsStore } from '../../main/core/settings/file-store';
import { tempDir } from '../support/fixtures';

const cores: CoreInternals[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.close();
});
const T = Date.UTC(2026, 2, 2, 9);
function core() {
  const c = createCore({ dbPath: ':memory:', settings: createMemorySettingsStore({ timezone: 'Europe/Tallinn' }), host: 'headless', version: 't' });
  cores.push(c);
  return c;
}
function calls(c: CoreInternals) {
  const callers = ['+3725550001', '+3725550002', '+3726660003', '+4479000004'];
  callers.forEach((caller, i) => {
    c.ingest([
      { kind: 'enqueued', source: 's', id: `c${i}`, at: T + i * 60_000, channel: 'voice', queue: 'Support', caller, segment: i === 3 ? 'Hinted' : null },
      i % 2
        ? { kind: 'ended', source: 's', id: `c${i}`, at: T + i * 60_000 + 30_000, outcome: 'abandoned' }
        : { kind: 'answered', source: 's', id: `c${i}`, at: T + i * 60_000 + 8000, agent: 'SIP/1' },
    ]);
  });
}
const bySegment = (c: CoreInternals) =>
  queryKpis(c.db, { by: ['segment'], zone: 'Europe/Tallinn' }, { timezone: 'Europe/Tallinn', targetSec: { voice: 20, chat: 60, email: 14400, social: 3600, sms: 900 }, shortAbandonSec: 5 }).map(
    (r) => [r.segment, r.offered, r.answered],
  );

describe('customer directory', () => {
  it('reads tolerant headers, and rejects rows without a caller by line number', async () => {
    const file = path.join(tempDir(), 'dir.csv');
    fs.writeFileSync(file, '\uFEFFPhone Number;Tier;Full Name\r\n+3725550001;VIP;"Tamm, Mari"\r\n;Business;Nobody\r\n+3725550002;Business;Jaan\r\n');
    const r = await readDirectoryCsv(file);
    expect(r.records).toEqual([
      { caller: '+3725550001', segment: 'VIP', name: 'Tamm, Mari', ref: null },
      { caller: '+3725550002', segment: 'Business', name: 'Jaan', ref: null },
    ]);
    expect(r.rejected).toEqual([{ line: 3, reason: 'no caller number or handle in this row' }]);
    const bad = path.join(tempDir(), 'bad.csv');
    fs.writeFileSync(bad, 'foo,bar\n1,2\n');
    await expect(readDirectoryCsv(bad)).rejects.toThrow(DirectoryFormatError);
  });

  it('gives the same segments whether imported before or after the calls', () => {
    const dir = [
      { caller: '+3725550001', segment: 'VIP' },
      { caller: '+3725550002', segment: 'Business' },
    ];
    const before = core();
    before.importCustomers(dir);
    calls(before);
    const after = core();
    calls(after);
    after.importCustomers(dir);
    expect(bySegment(after)).toEqual(bySegment(before));
    expect(bySegment(before)).toEqual([
      ['Business', 1, 0],
      ['Hinted', 1, 0],
      ['VIP', 1, 1],
      [null, 1, 1],
    ]);
  });

  it('applies prefix rules from settings below the directory and above source hints', async () => {
    const c = core();
    calls(c);
    c.importCustomers([{ caller: '+3725550001', segment: 'VIP' }]);
    // A settings change goes through the settings store, and the rollups are rebuilt with the rules.
    const r = await c.dispatcher.call(
      'settings.update',
      { segmentRules: [{ kind: 'prefix', pattern: '+372', segment: 'Estonia' }, { kind: 'prefix', pattern: '+44', segment: 'UK' }] },
      { access: 'write' },
    );
    expect(r.ok).toBe(true);
    expect(bySegment(c)).toEqual([
      ['Estonia', 2, 1],
      ['UK', 1, 0],
      ['VIP', 1, 1],
    ]);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/fixtures';
import { runCli } from '../../../tests/support/cli';

const cli = (db: string, ...args: string[]) => runCli(db, 'UTC', ...args);

describe('floorwatch import', () => {
  it('reports the optional CSV columns missing from the header as warnings, in text and with --json', () => {
    const dir = tempDir('fw-import-cli-');
    const file = path.join(dir, 'contacts.tsv');
    fs.writeFileSync(file, 'enter_time\tqueue\tid\tagent\tanswer_time\toutcome\n2025-11-02T01:30:00Z\tQ\tm1\tann\t2025-11-02T01:30:10Z\tanswered\n');

    const text = cli(path.join(dir, 'a.sqlite'), 'import', file);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toContain('1 contacts (1 new), 0 rejected');
    expect(text.out).toContain('  warning: channel: column "channel" is not in the header; treated as empty');
    expect(text.out).toContain('  warning: segment: column "segment" is not in the header; treated as empty');

    const json = cli(path.join(dir, 'b.sqlite'), 'import', file, '--json');
    expect(json.code, json.err).toBe(0);
    const report = JSON.parse(json.out) as { contacts: number; warnings: string[] };
    expect(report.contacts).toBe(1);
    expect(report.warnings).toContain('caller: column "caller" is not in the header; treated as empty');
    expect(report.warnings).not.toContain('agent: column "agent" is not in the header; treated as empty');
  }, 60_000);
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AgentEntry, AgentMergeResult } from '../../../shared/contract/agents';
import { ISSABEL_FILES, tempDir } from '../../../tests/support/fixtures';
import { runCli } from '../../../tests/support/cli';

const cli = (db: string, ...args: string[]) => runCli(db, 'UTC', ...args);

describe('floorwatch agents', () => {
  it('lists, renames by spelling and merges two spellings of one person in the public Issabel log', () => {
    const db = path.join(tempDir('fw-agents-cli-'), 'fw.sqlite');
    expect(cli(db, 'import', ...ISSABEL_FILES).code).toBe(0);
    const list = () => JSON.parse(cli(db, 'agents', 'list', '--json').out) as AgentEntry[];
    expect(list().map((a) => a.name)).toEqual(['Agent 1', 'Karthik', 'karthik', 'kishore', 'Sathish']);

    const renamed = cli(db, 'agents', 'rename', 'Sathish', 'Sathish Kumar');
    expect(renamed.code, renamed.err).toBe(0);
    expect(renamed.out).toMatch(/is now "Sathish Kumar"/);

    const merged = cli(db, 'agents', 'merge', 'karthik', 'Karthik', '--json');
    expect(merged.code, merged.err).toBe(0);
    expect((JSON.parse(merged.out) as AgentMergeResult).agent.aliases).toEqual(['Karthik', 'karthik']);
    expect(list().map((a) => a.name)).toEqual(['Agent 1', 'Karthik', 'kishore', 'Sathish Kumar']);

    const again = cli(db, 'agents', 'merge', 'Karthik', 'Karthik');
    expect(again.code).toBe(2);
    expect(again.err).toContain('cannot be merged into itself');
    expect(cli(db, 'agents', 'rename', 'Nobody', 'X').err).toContain('No agent "Nobody"');
  }, 60_000);
});

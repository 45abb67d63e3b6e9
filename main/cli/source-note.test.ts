import { describe, expect, it } from 'vitest';
import { RETRY_CAUSES, SourceNote } from '../../shared/contract/sources';
import { describeNote } from './source-note';

describe('source notes in the terminal', () => {
  it('words the AMI states as the screens do, with the server and OS text verbatim', () => {
    expect(describeNote({ code: 'retrying', seconds: 12, cause: 'network', detail: 'connect ECONNREFUSED 127.0.0.1:5038' })).toBe(
      'connection failed: connect ECONNREFUSED 127.0.0.1:5038; retrying in 12 s',
    );
    expect(describeNote({ code: 'retrying', seconds: 1, cause: 'closed', detail: null })).toBe('connection closed; retrying in 1 s');
    expect(describeNote({ code: 'login-refused', seconds: 300, detail: 'Authentication failed' })).toBe('login refused: Authentication failed; next try in 300 s');
    expect(describeNote({ code: 'login-refused', seconds: 300, detail: null })).toBe('login refused: no reason given; next try in 300 s');
    expect(describeNote({ code: 'connected', version: '2.10.3' })).toBe('Asterisk Call Manager 2.10.3');
  });

  it('words the tail states', () => {
    expect(describeNote({ code: 'file-missing', detail: 'ENOENT' })).toBe('the file cannot be opened yet (ENOENT)');
    expect(describeNote({ code: 'line-rejected', line: 1204, detail: 'unknown event FOO' })).toBe('line 1204 rejected: unknown event FOO');
    expect(describeNote({ code: 'file-rotated' })).toBe('file rotated: following the new file');
  });

  it('has a sentence for every code and cause of the contract', () => {
    const samples: SourceNote[] = [
      { code: 'connecting', host: 'pbx', port: 5038 },
      { code: 'connected', version: '18.0.0' },
      { code: 'login-refused', seconds: 300, detail: null },
      { code: 'file-missing', detail: 'EACCES' },
      { code: 'file-rotated' },
      { code: 'line-rejected', line: 3, detail: 'bad time' },
      { code: 'queue-status-refused', detail: null },
      ...RETRY_CAUSES.map((cause) => ({ code: 'retrying' as const, seconds: 2, cause, detail: null })),
      { code: 'file-truncated' },
      { code: 'read-error', detail: 'EIO' },
      { code: 'start-failed', detail: 'boom' },
    ];
    // The samples cover every code the contract declares, so a new code fails here until worded.
    expect([...new Set(samples.map((n) => n.code))].sort()).toEqual(SourceNote.options.map((o) => o.shape.code.value).sort());
    for (const n of samples) expect(describeNote(n)).toMatch(/^[\w(]/);
  });
});

import { describe, expect, it } from 'vitest';
import type { SourceView } from '../../../../shared/contract';
import { draftOf, sourceInputOf } from './source-form';

describe('source form', () => {
  it('builds each kind’s request, with the defaults the server would use', () => {
    const blank = draftOf(null);
    expect(blank.kind).toBe('queue_log-tail');
    expect(sourceInputOf({ ...blank, name: ' Main ', file: ' /var/log/asterisk/queue_log ' })).toEqual({
      ok: true,
      input: { kind: 'queue_log-tail', name: 'Main', config: { file: '/var/log/asterisk/queue_log', site: 'default' } },
    });
    expect(sourceInputOf({ ...blank, kind: 'ndjson-tail', name: 'Chat', file: '/feed.ndjson' })).toEqual({ ok: true, input: { kind: 'ndjson-tail', name: 'Chat', config: { file: '/feed.ndjson' } } });
    expect(sourceInputOf({ ...blank, kind: 'ami', name: 'PBX', host: 'pbx', port: '', username: 'fw', secret: 's', site: 'Tartu' })).toEqual({
      ok: true,
      input: { kind: 'ami', name: 'PBX', config: { host: 'pbx', port: 5038, username: 'fw', secret: 's', site: 'Tartu' } },
    });
  });

  it('names the fields still empty, and a port that is not a number', () => {
    expect(sourceInputOf(draftOf(null))).toEqual({ ok: false, missing: ['name', 'file'] });
    expect(sourceInputOf({ ...draftOf(null), kind: 'ami', name: 'x', host: 'h', username: 'u', secret: 's', port: '50x' })).toEqual({ ok: false, missing: ['port'] });
  });

  it('starts an edit from the stored source, keeping the hidden secret', () => {
    const source: SourceView = { id: 3, kind: 'ami', name: 'PBX', config: { host: 'pbx', port: 5038, username: 'fw', secret: '••••', site: 'Tartu' }, enabled: true, status: { state: 'connected', note: null, applied: 1, rejected: 0, lastAt: 1 } };
    const draft = draftOf(source);
    expect(draft).toMatchObject({ kind: 'ami', name: 'PBX', host: 'pbx', port: '5038', username: 'fw', secret: '••••', site: 'Tartu' });
    const built = sourceInputOf(draft);
    expect(built.ok && built.input.kind === 'ami' && built.input.config.secret).toBe('••••');
  });
});

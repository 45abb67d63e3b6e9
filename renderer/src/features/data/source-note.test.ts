import { describe, expect, it } from 'vitest';
import { LOCALES, RETRY_CAUSES, SourceNote, type Locale } from '../../../../shared/contract';
import { translator } from '../../i18n/translate';
import { noteText } from './source-note';

const text = (locale: Locale, note: SourceNote) => noteText(translator(locale), locale, note);
const plain = (s: string) => s.replace(/[\u2068\u2069]/g, '');

const ALL: SourceNote[] = [
  { code: 'connecting', host: 'pbx.example', port: 5038 },
  { code: 'connected', version: '2.10.3' },
  { code: 'queue-status-refused', detail: 'Permission denied' },
  ...RETRY_CAUSES.map((cause) => ({ code: 'retrying' as const, seconds: 12, cause, detail: cause === 'network' ? 'connect ECONNREFUSED 10.0.0.5:5038' : null })),
  { code: 'login-refused', seconds: 300, detail: 'Authentication failed' },
  { code: 'file-missing', detail: 'ENOENT' },
  { code: 'file-rotated' },
  { code: 'file-truncated' },
  { code: 'line-rejected', line: 1204, detail: 'unknown event FOO' },
  { code: 'read-error', detail: 'EIO: i/o error, read' },
  { code: 'start-failed', detail: 'Unknown time zone: Mars/Olympus' },
];

describe('source notes on the data screen', () => {
  it('words every code in every locale, with no placeholder left and no English sentence outside en', () => {
    expect(new Set(ALL.map((n) => n.code))).toEqual(new Set(SourceNote.options.map((o) => o.shape.code.value)));
    for (const locale of LOCALES) {
      for (const note of ALL) {
        const s = text(locale, note);
        expect(s, `${locale} ${note.code}`).not.toMatch(/[{}]/);
        if (locale !== 'en') expect(s, `${locale} ${note.code}`).not.toBe(text('en', note));
      }
    }
  });

  it('formats the retry delay in the locale and keeps outside text verbatim', () => {
    const retry: SourceNote = { code: 'retrying', seconds: 12, cause: 'network', detail: 'connect ECONNREFUSED 10.0.0.5:5038' };
    expect(plain(text('en', retry))).toBe('Connection failed: connect ECONNREFUSED 10.0.0.5:5038; retrying in 12 secs');
    expect(plain(text('zh', retry))).toBe('连接失败：connect ECONNREFUSED 10.0.0.5:5038；12秒后重试');
    expect(plain(text('fa', retry))).toContain('۱۲');
    expect(plain(text('fa', retry))).toContain('connect ECONNREFUSED 10.0.0.5:5038');
    expect(plain(text('et', { code: 'login-refused', seconds: 300, detail: null }))).toBe('Sisselogimisest keelduti: põhjust ei antud; järgmine katse 300 sek pärast');
    expect(plain(text('fa', { code: 'line-rejected', line: 1204, detail: 'bad' }))).toBe('سطر ۱٬۲۰۴ پذیرفته نشد: bad');
    // The server's words sit in an isolate so a right-to-left sentence keeps their order.
    expect(text('fa', { code: 'login-refused', seconds: 300, detail: 'Authentication failed' })).toContain('\u2068Authentication failed\u2069');
  });
});

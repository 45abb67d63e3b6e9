import type { Locale, SourceNote } from '../../../../shared/contract';
import { formatNumber } from '../../i18n/format';
import type { TFunction } from '../../i18n/translate';

/**
 * Text from outside the app (a server's reason, an OS error, a host name) is isolated
 * (U+2068…U+2069) so its Latin words keep their order inside a right-to-left sentence.
 */
const isolate = (text: string) => `\u2068${text}\u2069`;

/** A source's note in the reader's language; `detail` is shown as the outside world wrote it. */
export function noteText(t: TFunction, locale: Locale, note: SourceNote): string {
  const seconds = (s: number) => formatNumber(locale, s, { style: 'unit', unit: 'second', unitDisplay: 'short' });
  const reason = (detail: string | null) => (detail === null ? t('data.note.noReason') : isolate(detail));
  switch (note.code) {
    case 'connecting':
      return t('data.note.connecting', { target: isolate(`${note.host}:${note.port}`) });
    case 'connected':
      return t('data.note.connected', { version: isolate(note.version) });
    case 'queue-status-refused':
      return t('data.note.queueStatusRefused', { detail: reason(note.detail) });
    case 'retrying': {
      const cause = note.cause === 'network' ? t('data.note.cause.network', { detail: reason(note.detail) }) : t(`data.note.cause.${note.cause}`);
      return t('data.note.retrying', { cause, seconds: seconds(note.seconds) });
    }
    case 'login-refused':
      return t('data.note.loginRefused', { detail: reason(note.detail), seconds: seconds(note.seconds) });
    case 'file-missing':
      return t('data.note.fileMissing', { detail: isolate(note.detail) });
    case 'file-rotated':
      return t('data.note.fileRotated');
    case 'file-truncated':
      return t('data.note.fileTruncated');
    case 'line-rejected':
      return t('data.note.lineRejected', { line: note.line, detail: isolate(note.detail) });
    case 'read-error':
      return t('data.note.readError', { detail: isolate(note.detail) });
    case 'start-failed':
      return t('data.note.startFailed', { detail: isolate(note.detail) });
  }
}

import type { SourceNote } from '../../shared/contract/sources';

const CAUSE: Record<Extract<SourceNote, { code: 'retrying' }>['cause'], string> = {
  closed: 'connection closed',
  'no-greeting': 'no AMI greeting (is this the manager port?)',
  'no-login-answer': 'no answer to the login',
  'no-ping-answer': 'no answer to Ping',
  network: 'connection failed',
};

const withDetail = (text: string, detail: string | null) => (detail ? `${text}: ${detail}` : text);

/**
 * A source's note in English for the terminal (`floorwatch ami`, `floorwatch tail`); the screens
 * word the same codes through their message catalogs.
 */
export function describeNote(note: SourceNote): string {
  switch (note.code) {
    case 'connecting':
      return `connecting to ${note.host}:${note.port}`;
    case 'connected':
      return `Asterisk Call Manager ${note.version}`;
    case 'queue-status-refused':
      return withDetail('Asterisk refused the queue status request', note.detail);
    case 'retrying':
      return `${withDetail(CAUSE[note.cause], note.detail)}; retrying in ${note.seconds} s`;
    case 'login-refused':
      return `login refused: ${note.detail ?? 'no reason given'}; next try in ${note.seconds} s`;
    case 'file-missing':
      return `the file cannot be opened yet (${note.detail})`;
    case 'file-rotated':
      return 'file rotated: following the new file';
    case 'file-truncated':
      return 'file truncated (copytruncate): reading it from the start';
    case 'line-rejected':
      return `line ${note.line} rejected: ${note.detail}`;
    case 'read-error':
      return `cannot read the file: ${note.detail}`;
    case 'start-failed':
      return `could not start: ${note.detail}`;
  }
}

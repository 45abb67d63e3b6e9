import { ApiError, ERROR_CODES, type ErrorBody } from '../../../../shared/contract';
import { resolveAccessToken } from '../../api/token';
import type { FileRef } from './initialState';

/** The slice of XMLHttpRequest an upload uses, so tests can hand in a fake. */
export interface XhrLike {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(body: Blob): void;
  abort(): void;
  readonly status: number;
  readonly responseText: string;
  upload: { onprogress: ((event: { loaded: number; total: number; lengthComputable: boolean }) => void) | null };
  onload: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
}

export interface UploadHandle {
  done: Promise<FileRef>;
  abort(): void;
}

function tokenOfPage(): string | null {
  try {
    return resolveAccessToken(window.location.search, window.sessionStorage);
  } catch {
    return null;
  }
}

function parseBody(text: string): { ok: true; result: { uploadId: string; name: string; bytes: number } } | { ok: false; error: ErrorBody } | null {
  try {
    const body = JSON.parse(text) as unknown;
    if (typeof body !== 'object' || body === null || !('ok' in body)) return null;
    return body as never;
  } catch {
    return null;
  }
}

/**
 * Streams a file to the host (`POST /upload?name=…`, the raw file as the body). XMLHttpRequest
 * rather than fetch: only it reports upload progress, which a large queue_log needs.
 */
export function uploadFile(
  file: Blob & { name: string },
  onProgress: (loaded: number, total: number) => void,
  options: { createXhr?: () => XhrLike; token?: string | null; baseUrl?: string } = {},
): UploadHandle {
  const xhr = options.createXhr ? options.createXhr() : (new XMLHttpRequest() as unknown as XhrLike);
  const token = options.token === undefined ? tokenOfPage() : options.token;
  const done = new Promise<FileRef>((resolve, reject) => {
    xhr.open('POST', `${options.baseUrl ?? ''}/upload?name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onload = () => {
      const body = parseBody(xhr.responseText);
      if (body?.ok) {
        resolve({ kind: 'upload', uploadId: body.result.uploadId, name: file.name, size: body.result.bytes });
      } else if (body && !body.ok && (ERROR_CODES as readonly string[]).includes(body.error.code)) {
        reject(ApiError.fromBody(body.error));
      } else {
        reject(new ApiError('unavailable', `The upload failed (HTTP ${xhr.status}).`));
      }
    };
    xhr.onerror = () => reject(new ApiError('unavailable', 'The upload failed: the host could not be reached.'));
    xhr.onabort = () => reject(new ApiError('conflict', 'cancelled'));
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}

/** Inside the desktop app a dropped or picked file is read where it lies: no copy is made. */
export function desktopPathOf(file: File): string | null {
  const bridge = (window as { floorwatch?: { pathForFile?: unknown } }).floorwatch;
  if (!bridge || typeof bridge.pathForFile !== 'function') return null;
  const found: unknown = (bridge.pathForFile as (f: File) => unknown)(file);
  return typeof found === 'string' && found !== '' ? found : null;
}

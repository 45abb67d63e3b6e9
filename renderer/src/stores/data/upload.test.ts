import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../shared/contract';
import { uploadFile, type XhrLike } from './upload';

class FakeXhr implements XhrLike {
  status = 0;
  responseText = '';
  opened: [string, string] | null = null;
  headers: Record<string, string> = {};
  body: Blob | null = null;
  upload: XhrLike['upload'] = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) {
    this.opened = [method, url];
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: Blob) {
    this.body = body;
  }
  abort() {
    this.onabort?.();
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = typeof body === 'string' ? body : JSON.stringify(body);
    this.onload?.();
  }
}

const file = new File(['line\n'], 'queue log.txt');

describe('upload', () => {
  it('posts the raw file with its name and the access token, and reports progress', async () => {
    const xhr = new FakeXhr();
    const seen: [number, number][] = [];
    const handle = uploadFile(file, (l, t) => seen.push([l, t]), { createXhr: () => xhr, token: 'T' });
    expect(xhr.opened).toEqual(['POST', '/upload?name=queue%20log.txt']);
    expect(xhr.headers.Authorization).toBe('Bearer T');
    expect(xhr.body).toBe(file);
    xhr.upload.onprogress?.({ loaded: 2, total: 5, lengthComputable: true });
    xhr.answer(200, { ok: true, result: { uploadId: 'f'.repeat(32), name: 'queue log.txt', bytes: 5 } });
    await expect(handle.done).resolves.toEqual({ kind: 'upload', uploadId: 'f'.repeat(32), name: 'queue log.txt', size: 5 });
    expect(seen).toEqual([[2, 5]]);
  });

  it('turns the host’s refusal into an ApiError with its code', async () => {
    const xhr = new FakeXhr();
    const handle = uploadFile(file, () => undefined, { createXhr: () => xhr, token: null });
    expect(xhr.headers.Authorization).toBeUndefined();
    xhr.answer(403, { ok: false, error: { code: 'forbidden', message: 'Only the console on this machine can upload files.' } });
    await expect(handle.done).rejects.toMatchObject({ code: 'forbidden', message: 'Only the console on this machine can upload files.' });
  });

  it('fails clearly on a broken answer, a lost connection, or an abort', async () => {
    const broken = new FakeXhr();
    const a = uploadFile(file, () => undefined, { createXhr: () => broken, token: null });
    broken.answer(502, '<html>Bad gateway</html>');
    await expect(a.done).rejects.toThrow(/HTTP 502/);

    const lost = new FakeXhr();
    const b = uploadFile(file, () => undefined, { createXhr: () => lost, token: null });
    lost.onerror?.();
    await expect(b.done).rejects.toBeInstanceOf(ApiError);

    const aborted = new FakeXhr();
    const c = uploadFile(file, () => undefined, { createXhr: () => aborted, token: null });
    c.abort();
    await expect(c.done).rejects.toMatchObject({ code: 'conflict', message: 'cancelled' });
  });
});

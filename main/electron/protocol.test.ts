import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppProtocolHandler, mimeTypeOf, resolveAppFile } from './protocol';
import { CONTENT_SECURITY_POLICY } from './security';

let dir: string;
let root: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'floorwatch-protocol-'));
  root = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Floorwatch</title>');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'do not serve');
  fs.writeFileSync(path.join(dir, 'renderer-evil.txt'), 'sibling with a shared prefix');
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const handler = () => createAppProtocolHandler({ root, readFile: (f) => fsp.readFile(f) });
const get = (url: string, method = 'GET') => handler()(new Request(url, { method }));

describe('app:// protocol', () => {
  it('serves index.html for the root with the CSP header and an HTML type', async () => {
    const res = await get('app://floorwatch/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>Floorwatch</title>');
  });

  it('serves built assets with their type, ignoring query and hash', async () => {
    const res = await get('app://floorwatch/assets/index-abc.js?v=1#x');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await res.text()).toBe('console.log(1)');
  });

  it.each([
    'app://floorwatch/..%2Fsecret.txt',
    'app://floorwatch/assets/..%2F..%2Fsecret.txt',
    'app://floorwatch/%2e%2e%2fsecret.txt',
    'app://floorwatch/..%2Frenderer-evil.txt',
    'app://floorwatch/%2Fetc%2Fpasswd',
    'app://floorwatch/index.html%00.js',
    'app://floorwatch/%E0%A4%A',
    'app://other/index.html',
    'app://floorwatch.evil/index.html',
    'file:///etc/passwd',
  ])('refuses %s', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('do not serve');
  });

  it('answers 404 for missing files and directories, 405 for writes, and HEAD without a body', async () => {
    expect((await get('app://floorwatch/nope.js')).status).toBe(404);
    expect((await get('app://floorwatch/assets')).status).toBe(404);
    expect((await get('app://floorwatch/index.html', 'POST')).status).toBe(405);
    const head = await get('app://floorwatch/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('logs unexpected read errors but does not leak them', async () => {
    const log = vi.fn();
    const failing = createAppProtocolHandler({
      root,
      readFile: async () => {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      },
      log,
    });
    const res = await failing(new Request('app://floorwatch/index.html'));
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('EACCES');
    expect(log).toHaveBeenCalledTimes(1);
  });
});

describe('resolveAppFile', () => {
  it('keeps Windows paths inside the root too', () => {
    const winRoot = 'C:\\Program Files\\Floorwatch\\resources\\app.asar\\build\\renderer';
    expect(resolveAppFile(winRoot, 'app://floorwatch/assets/a.js', path.win32)).toBe(`${winRoot}\\assets\\a.js`);
    expect(resolveAppFile(winRoot, 'app://floorwatch/..%5C..%5Csecret.txt', path.win32)).toBeNull();
    expect(resolveAppFile(winRoot, 'app://floorwatch/C:%5CWindows%5Cwin.ini', path.win32)).toBeNull();
  });

  it('maps directory URLs to their index.html', () => {
    expect(resolveAppFile('/r', 'app://floorwatch/')).toBe('/r/index.html');
    expect(resolveAppFile('/r', 'app://floorwatch')).toBe('/r/index.html');
  });
});

describe('mimeTypeOf', () => {
  it('knows the renderer build output and falls back to octet-stream', () => {
    expect(mimeTypeOf('a.CSS')).toMatch(/^text\/css/);
    expect(mimeTypeOf('a.woff2')).toBe('font/woff2');
    expect(mimeTypeOf('a.svg')).toBe('image/svg+xml');
    expect(mimeTypeOf('a.bin')).toBe('application/octet-stream');
  });
});

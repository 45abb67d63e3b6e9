import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../main/core/app';
import { readZip } from '../../main/core/export/zip';
import { reviewHistory } from '../../main/core/review/testing';
import { SETTINGS_FILE_NAME } from '../../main/core/paths';
import { createFileSettingsStore } from '../../main/core/settings/file-store';
import { LATEST_VERSION } from '../../main/db/migrations';
import { tempDir } from '../support/fixtures';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = path.join(ROOT, 'main', 'cli', 'index.ts');
let dir = '';
let db = '';

function cli(...args: string[]): { code: number; stdout: Buffer; stderr: string } {
  const r = spawnSync(TSX, [CLI, '--db', db, ...args], { cwd: ROOT, encoding: 'buffer', timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

beforeAll(() => {
  dir = tempDir('fw-review-cli-');
  db = path.join(dir, 'floorwatch.sqlite');
  const settings = createFileSettingsStore(path.join(dir, SETTINGS_FILE_NAME), { timezone: 'UTC' });
  settings.update({ timezone: 'UTC' });
  const core = createCore({ dbPath: db, settings, host: 'headless', version: 't', runSources: false });
  core.ingest(reviewHistory('2026-03-14', 14, 40));
  core.close();
});

const stripBom = (b: Buffer) => {
  expect([...b.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return b.subarray(3).toString('utf8');
};

describe('floorwatch report', () => {
  it('writes a KPI CSV equal to `floorwatch kpis --csv` for the same range and grouping (plus the BOM)', () => {
    const range = ['--from', '2026-03-08', '--to', '2026-03-14', '--by', 'day,segment'];
    const kpis = cli('kpis', ...range, '--csv');
    expect(kpis.stderr).toBe('');
    const out = path.join(dir, 'k.csv');
    expect(cli('report', ...range, '--out', out).code).toBe(0);
    const text = stripBom(fs.readFileSync(out));
    expect(text).toBe(kpis.stdout.toString('utf8'));
    expect(text).toContain('金卡'); // UTF-8 survives
    expect(text.split('\r\n').length).toBeGreaterThan(20);
  }, 60_000);

  it('with a segment filter writes the rows `kpis --by …,segment` has for that segment', () => {
    const all = cli('kpis', '--from', '2026-03-08', '--to', '2026-03-14', '--by', 'day,segment', '--csv').stdout.toString('utf8').trimEnd().split('\r\n');
    const out = path.join(dir, 'vip.csv');
    expect(cli('report', '--from', '2026-03-08', '--to', '2026-03-14', '--by', 'day', '--segment', 'VIP', '--out', out).code).toBe(0);
    const lines = stripBom(fs.readFileSync(out)).trimEnd().split('\r\n');
    const expected = all
      .filter((l) => l.split(',')[1] === 'VIP')
      .map((l) => {
        const cells = l.split(',');
        cells.splice(1, 1);
        return cells.join(',');
      });
    expect(lines.slice(1)).toEqual(expected);
    expect(lines[0]).toBe(all[0]!.replace('segment,', ''));
  }, 60_000);

  it('writes an XLSX that unzips to a sheet with the same table', () => {
    const out = path.join(dir, 'k.xlsx');
    expect(cli('report', '--from', '2026-03-08', '--to', '2026-03-14', '--by', 'segment', '--out', out).code).toBe(0);
    const parts = readZip(fs.readFileSync(out));
    expect([...parts.keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/worksheets/sheet1.xml']));
    const sheet = parts.get('xl/worksheets/sheet1.xml')!.toString('utf8');
    const rows = [...sheet.matchAll(/<row r="(\d+)">(.*?)<\/row>/g)].map((m) => [...m[2]!.matchAll(/<c r="([A-Z]+)\d+"[^>]*>(?:<v>([^<]*)<\/v>|<is><t[^>]*>([^<]*)<\/t><\/is>)<\/c>/g)].map((c) => c[2] ?? c[3]));
    expect(rows[0]!.slice(0, 3)).toEqual(['segment', 'offered', 'answered']);
    // Segments sort with "none" last: 金卡, VIP, then the contacts without one (an empty cell).
    const csv = cli('kpis', '--from', '2026-03-08', '--to', '2026-03-14', '--by', 'segment', '--csv').stdout.toString('utf8').trimEnd().split('\r\n').slice(1);
    expect(rows.length).toBe(csv.length + 1);
    expect(rows.slice(1).map((r) => r.find((v) => /^\d+$/.test(v ?? '')))).toEqual(csv.map((l) => l.split(',')[1]));
    expect(sheet).toContain('金卡');
  }, 60_000);

  it('writes a PDF report with a chart and page numbers that poppler can render', () => {
    const out = path.join(dir, 'r.pdf');
    expect(cli('report', '--from', '2026-03-01', '--to', '2026-03-14', '--out', out).code).toBe(0);
    const pdf = fs.readFileSync(out);
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    expect(pdf.toString('latin1')).toMatch(/startxref\n\d+\n%%EOF\n$/);
    const hasPoppler = spawnSync('pdftoppm', ['-v']).status === 0;
    if (!hasPoppler) return;
    execFileSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', '-singlefile', out, path.join(dir, 'page')]);
    expect(fs.statSync(path.join(dir, 'page.png')).size).toBeGreaterThan(3000);
    const text = spawnSync('pdftotext', [out, '-']).stdout?.toString('utf8') ?? '';
    if (text) {
      expect(text).toContain('Floorwatch KPI report');
      expect(text).toContain('2026-03-01 – 2026-03-14');
      expect(text).toMatch(/1 ?\/ ?1/);
    }
  }, 60_000);

  it('refuses bad arguments with usage errors', () => {
    expect(cli('report', '--from', '2026-03-08', '--to', '2026-03-14', '--out', path.join(dir, 'x.txt')).code).toBe(2);
    expect(cli('report', '--from', '2026-03-14', '--to', '2026-03-08', '--out', path.join(dir, 'x.csv')).code).toBe(2);
  }, 60_000);
});

describe('floorwatch db check', () => {
  it('refuses a database from a newer version clearly', () => {
    const newer = path.join(dir, 'newer.sqlite');
    fs.copyFileSync(db, newer);
    const raw = new Database(newer);
    raw.pragma(`user_version = ${LATEST_VERSION + 3}`);
    raw.close();
    const r = cli('db', 'check', newer);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/newer Floorwatch \(schema version \d+; this version knows up to \d+\)/);
    expect(cli('db', 'check', db).code).toBe(0);
  }, 60_000);
});

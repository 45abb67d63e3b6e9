import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMapping } from './mapping';
import { preview, previewFile, previewSource } from './preview';
import { presetMapping } from './presets';
import { suggestMapping } from './suggest';
import { publicData } from './testing';

const TECHNION = publicData('technion-anonymous-bank-1999-08', 'anonymous_bank_calls_1999-08.csv');
const PWC = publicData('pwc-call-center-2021q1', 'Call-Center-Dataset.csv');

describe('suggestMapping', () => {
  it('recognises the presets by their header names', () => {
    const head = (file: string) => readFileSync(file, 'utf8').split(/\r?\n/)[0].split(',');
    expect(suggestMapping(head(TECHNION)).preset).toBe('technion-bank');
    // The PwC header starts with a BOM.
    expect(suggestMapping(head(PWC)).preset).toBe('pwc');
    expect(suggestMapping(['AWSAccountId', 'ContactId', 'Channel', 'Queue.Name']).preset).toBe('connect-ctr');
    expect(suggestMapping(['id', 'channel', 'queue', 'enter_time', 'outcome']).preset).toBe('generic');
  });

  it('guesses a mapping column by column for other files', () => {
    const headers = ['Ticket ID', 'Queue Name', 'Start Time', 'Agent Name', 'Wait Time', 'Talk Time', 'Status', 'CSAT', 'Notes'];
    const s = suggestMapping(headers, [{ 'Start Time': '1718000000' }]);
    expect(s.preset).toBeNull();
    expect(s.missing).toEqual([]);
    expect(s.matched).toMatchObject({ id: 'Ticket ID', queue: 'Queue Name', enter: 'Start Time', agent: 'Agent Name', wait: 'Wait Time', talk: 'Talk Time', outcome: 'Status', csat: 'CSAT' });
    expect(s.mapping.enter).toEqual({ column: 'Start Time', format: 'epoch-s' });
    expect(parseMapping(s.mapping).ok).toBe(true);
  });

  it('uses separate date and time columns and guesses the date order from samples', () => {
    const s = suggestMapping(['Call ref', 'Date', 'Time', 'Answered'], [{ Date: '03/12/2024' }, { Date: '25/12/2024' }]);
    expect(s.missing).toEqual(['id', 'queue']);
    expect(s.mapping.date).toEqual({ column: 'Date', format: 'D/M/YYYY' });
    expect(s.mapping.enter).toEqual({ column: 'Time', format: 'time' });
    expect(s.mapping.outcome).toMatchObject({ column: 'Answered' });
    expect(parseMapping(s.mapping).ok).toBe(true);
  });
});

describe('preview', () => {
  it('shows the first source rows before any mapping', () => {
    const text = readFileSync(PWC, 'utf8').slice(0, 2000);
    const p = previewSource(text, { limit: 3 });
    expect(p.format).toBe('csv');
    expect(p.headers[0]).toBe('Call Id');
    expect(p.rows.map((r) => [r.lineNo, r.values['Call Id']])).toEqual([[2, 'ID0001'], [3, 'ID0002'], [4, 'ID0003']]);
  });

  it('shows what a mapping makes of the first rows, leaving out a cut-off last record', () => {
    const text = readFileSync(PWC, 'utf8').slice(0, 1200);
    const p = preview(text, presetMapping('pwc'), { limit: 50 });
    expect(p.fatal).toBeNull();
    const ids = p.rows.map((r) => r.values['Call Id']);
    expect(ids[0]).toBe('ID0001');
    // Every row shown is complete: it ends with the CRLF that the cut-off text still contains.
    expect(text.split('\r\n').length - 2).toBe(p.rows.length);
    const first = p.rows[0];
    expect(first.result).toBe('contact');
    expect(first.events.map((e) => e.kind)).toEqual(['enqueued', 'answered', 'ended']);
    const abandoned = p.rows.find((r) => r.values['Call Id'] === 'ID0006')!;
    expect(abandoned.events.map((e) => e.kind)).toEqual(['enqueued', 'ended']);
  });

  it('reports a header that does not fit the mapping', async () => {
    const p = await previewFile(PWC, presetMapping('technion-bank'), { limit: 5 });
    expect(p.fatal).toMatch(/^required columns missing from the header: /);
    expect(p.rows).toEqual([]);
  });

  it('previews JSON records as dotted columns', () => {
    const p = previewSource('{"ContactId":"a","Queue":{"Name":"Q"}}\n{"ContactId":"b","Queue":null}\n', { complete: true });
    expect(p.format).toBe('json');
    expect(p.headers).toEqual(['ContactId', 'Queue.Name', 'Queue']);
    expect(p.rows[1]).toEqual({ lineNo: 2, values: { ContactId: 'b', Queue: '' } });
  });
});

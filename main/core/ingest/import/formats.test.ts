import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../../shared/contract/settings';
import { tempDir } from '../../../../tests/support/fixtures';
import { openDb } from '../../../db/open';
import { createIngestStore } from '../store';
import { importFile } from './driver';
import { detectFormat, readHeadLines, SNIFF_BYTES } from './formats';

/** An Amazon Connect contact record with its keys in alphabetical order, as AWS writes them. */
function ctr(id: string, minute: number): Record<string, unknown> {
  const at = (s: number) => new Date(Date.UTC(2025, 10, 2, 6, minute, s)).toISOString();
  return {
    AWSAccountId: '111122223333',
    AWSContactTraceRecordFormatVersion: '2017-03-10',
    Agent: {
      ARN: 'arn:aws:connect:us-east-1:1:instance/x/agent/a1',
      AfterContactWorkDuration: 10,
      AgentInteractionDuration: 60,
      ConnectedToAgentTimestamp: at(12),
      CustomerHoldDuration: 5,
      Username: 'jdoe',
    },
    Attributes: { segment: 'Gold' },
    Channel: 'VOICE',
    ContactId: id,
    CustomerEndpoint: { Address: '+13125550199', Type: 'TELEPHONE_NUMBER' },
    DisconnectTimestamp: at(30),
    InitiationMethod: 'INBOUND',
    InitiationTimestamp: at(0),
    Queue: { Duration: 12, EnqueueTimestamp: at(0), Name: 'Billing' },
  };
}

function write(name: string, text: string): string {
  const file = path.join(tempDir('fw-formats-'), name);
  fs.writeFileSync(file, text);
  return file;
}

const detect = (text: string) => detectFormat(readHeadLines(write('input', text)))?.format ?? null;

describe('import format detection', () => {
  it('recognises Amazon Connect records back to back, pretty-printed, or in an array whose ContactId comes late', () => {
    const records = [ctr('a1', 0), ctr('a2', 5)];
    expect(detect(records.map((r) => JSON.stringify(r)).join(''))).toBe('connect-ctr');
    expect(detect(records.map((r) => JSON.stringify(r, null, 2)).join('\n'))).toBe('connect-ctr');
    expect(detect(`${JSON.stringify(records, null, 4)}\n`)).toBe('connect-ctr');
    expect(detect(records.map((r) => JSON.stringify(r)).join('\n'))).toBe('connect-ctr');
  });

  it('recognises an NDJSON feed from its other lines when the first one is malformed', () => {
    const good = '{"type":"enqueued","id":"x2","channel":"chat","queue":"S","at":"2025-11-02T07:00:00Z"}';
    expect(detect(`{"type":"enqueued","channel":"chat","queue":"S","at":"2025-11-02T07:00:00Z"}\n${good}\n`)).toBe('ndjson');
    expect(detect(`{"type":"enqueued","id":"x1", "chan\n${good}\n`)).toBe('ndjson');
    expect(detect(`garbage\n${good}\n`)).toBe('ndjson');
  });

  it('reads a bounded head of the file, never the whole of it', () => {
    const line = '{"type":"enqueued","id":"x","channel":"chat","queue":"S","at":"2025-11-02T07:00:00Z"}\n';
    const file = write('big.ndjson', line.repeat(Math.ceil((3 * SNIFF_BYTES) / line.length)));
    const lines = readHeadLines(file);
    // Only complete lines: the one cut off by the limit is left out.
    expect(lines.join('\n').length).toBeLessThanOrEqual(SNIFF_BYTES);
    expect(lines.every((l) => `${l}\n` === line)).toBe(true);
  });
});

describe('import of files detected as JSON', () => {
  const settings = defaultSettings();
  const run = (file: string) => {
    const db = openDb(':memory:');
    const store = createIngestStore(db, () => ({ timezone: 'UTC', targetSec: settings.targetSec, shortAbandonSec: settings.shortAbandonSec }));
    return importFile({ db, store, now: () => Date.UTC(2025, 10, 3) }, { file });
  };

  it('rejects the malformed first line of a feed with its number and imports the rest', async () => {
    const file = write(
      'feed.ndjson',
      '{"type":"enqueued","channel":"chat","queue":"S","at":"2025-11-02T07:00:00Z"}\n{"type":"enqueued","id":"x2","channel":"chat","queue":"S","at":"2025-11-02T07:00:00Z"}\n',
    );
    const r = await run(file);
    expect(r).toMatchObject({ format: 'ndjson', contacts: 1, rejected: [{ line: 1, reason: 'id: missing' }], warnings: [] });
  });

  it('reads a file through the mapping it is given, CSV or JSON, without --format', async () => {
    const mapping = write(
      'mine.json',
      JSON.stringify({ name: 'mine', format: 'csv', id: 'Ticket', queue: { const: 'Main' }, enter: 'Opened', outcome: { present: 'Handler', otherwise: 'abandoned' }, agent: 'Handler' }),
    );
    const csv = write('tickets.csv', 'Ticket,Opened,Handler\nT1,2025-11-02T07:00:00Z,Ann\nT2,2025-11-02T07:05:00Z,\n');
    const db = openDb(':memory:');
    const store = createIngestStore(db, () => ({ timezone: 'UTC', targetSec: settings.targetSec, shortAbandonSec: settings.shortAbandonSec }));
    const r = await importFile({ db, store, now: () => Date.UTC(2025, 10, 3) }, { file: csv, mapping });
    expect(r).toMatchObject({ format: 'csv', contacts: 2, rejected: [] });
    expect(db.prepare('SELECT source_id, outcome FROM contacts ORDER BY source_id').all()).toEqual([
      { source_id: 'T1', outcome: 'answered' },
      { source_id: 'T2', outcome: 'abandoned' },
    ]);
    const json = write('tickets.json', JSON.stringify([{ Ticket: 'T3', Opened: '2025-11-02T08:00:00Z', Handler: 'Bo' }]));
    const jsonMapping = write('mine-json.json', JSON.stringify({ ...JSON.parse(fs.readFileSync(mapping, 'utf8')), format: 'json' }));
    expect(await importFile({ db, store, now: () => Date.UTC(2025, 10, 3) }, { file: json, mapping: jsonMapping })).toMatchObject({ contacts: 1, rejected: [] });
    // Without a mapping, neither file's layout is one Floorwatch recognises.
    await expect(run(csv)).rejects.toThrow(/Cannot tell the format/);
  });

  it('says which formats it knows, JSON ones included, when none fits', async () => {
    await expect(run(write('notes.txt', 'Dear diary,\ntoday nothing happened.\n'))).rejects.toThrow(/Amazon Connect contact records \(JSON.*NDJSON event feed/);
  });
});

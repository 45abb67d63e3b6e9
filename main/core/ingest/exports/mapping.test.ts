import { describe, expect, it } from 'vitest';
import { parseMapping, parseMappingJson } from './mapping';
import { PRESET_NAMES, presetMapping } from './presets';
import { docBlock } from './testing';

const minimal = { name: 'mine', format: 'csv', id: 'Call Id', queue: { const: 'Main' }, enter: 'Start', outcome: 'answered' };

describe('mapping files', () => {
  it('accepts every preset as a mapping file (after a JSON round trip)', () => {
    for (const name of PRESET_NAMES) {
      const r = parseMappingJson(JSON.stringify(presetMapping(name)));
      expect(r, name).toEqual({ ok: true, mapping: presetMapping(name) });
    }
    expect(parseMapping(minimal).ok).toBe(true);
  });

  it('names the field of every error', () => {
    const r = parseMapping({
      ...minimal,
      queu: 'Queue',
      zone: 'Mars/Olympus',
      id: { column: 'a', const: 'b' },
      outcome: { column: 'Answered', values: { Y: 'answerd' } },
      wait: { column: 'w', unit: 'hours' },
      date: { column: 'Date', format: 'dd.mm.yy' },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual(
      expect.arrayContaining([
        'queu: unknown field',
        'zone: not an IANA time zone Intl knows (e.g. "Europe/Tallinn")',
        'id: give exactly one of "column", "const" or "join"',
        expect.stringMatching(/^outcome\.values\.Y: /),
        expect.stringMatching(/^wait\.unit: /),
        'date.format: a date pattern uses YYYY, YY, MM, M, DD, D and separators',
      ]),
    );
    expect(r.errors).toHaveLength(6);
  });

  it('reports missing required fields and bad JSON', () => {
    const r = parseMapping({ name: 'x', format: 'xml' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual(['format: Invalid option: expected one of "csv"|"json"', 'id: required', 'queue: required', 'enter: required', 'outcome: required']);
    const j = parseMappingJson('{"name": "x",');
    expect(j.ok).toBe(false);
    if (!j.ok) expect(j.errors[0]).toMatch(/^mapping file: invalid JSON/);
  });

  it('checks nested outcome rules and time formats', () => {
    const r = parseMapping({ ...minimal, outcome: { present: 'Agent', otherwise: { column: 'Reason', values: { X: 'gone' } } }, enter: { column: 'Start', format: 'whenever' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual(expect.arrayContaining([expect.stringMatching(/^outcome\.otherwise\.values\.X: /), expect.stringMatching(/^enter\.format: expected "iso"/)]));
  });

  it('accepts the mapping file example of the documentation', () => {
    expect(parseMappingJson(docBlock('json')).ok).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../../shared/contract';
import { columnOf, constOf, distinctValues, formatOf, outcomeIsCustom, outcomeValues, readMapping, unitOf, withColumn, withFormat, withOutcomeValue, withUnit, writeMapping } from './mapping';

const base = {
  name: 'my-pbx',
  format: 'csv',
  id: 'Call ID',
  channel: { const: 'voice' },
  queue: { column: 'Skill', default: 'Main' },
  enter: { column: 'Queued at', format: 'DD.MM.YYYY HH:mm:ss' },
  outcome: { column: 'Result', values: { OK: 'answered' } },
  talk: { column: 'Talk', unit: 'hms' },
};

describe('mapping editor', () => {
  it('reads the column of every spelling of a field', () => {
    expect(columnOf(base, 'id')).toBe('Call ID');
    expect(columnOf(base, 'queue')).toBe('Skill');
    expect(columnOf(base, 'channel')).toBe('');
    expect(constOf(base, 'channel')).toBe('voice');
    expect(columnOf({ wait: { column: ['A', 'B'] } }, 'wait')).toBe('A');
    expect(columnOf({ outcome: { present: 'Agent.Connected', otherwise: 'abandoned' } }, 'outcome')).toBe('Agent.Connected');
  });

  it('changes a column and keeps the field’s other rules', () => {
    const next = withColumn(base, 'queue', 'Queue');
    expect(next.queue).toEqual({ column: 'Queue', default: 'Main' });
    expect(base.queue.column).toBe('Skill');
    expect(withColumn(base, 'agent', 'Agent name').agent).toBe('Agent name');
    expect(withColumn(base, 'channel', 'Media').channel).toEqual({ column: 'Media' });
    expect('talk' in withColumn(base, 'talk', '')).toBe(false);
  });

  it('keeps value rules when the outcome column changes, and edits them one by one', () => {
    const moved = withColumn(base, 'outcome', 'Status');
    expect(moved.outcome).toEqual({ column: 'Status', values: { OK: 'answered' } });
    const more = withOutcomeValue(moved, 'LOST', 'abandoned');
    expect(outcomeValues(more)).toEqual({ OK: 'answered', LOST: 'abandoned' });
    expect(outcomeValues(withOutcomeValue(more, 'OK', ''))).toEqual({ LOST: 'abandoned' });
    expect(outcomeIsCustom(more)).toBe(false);
    expect(outcomeIsCustom({ outcome: 'answered' })).toBe(true);
  });

  it('sets time formats, date formats and duration units', () => {
    expect(formatOf(base, 'enter')).toBe('DD.MM.YYYY HH:mm:ss');
    expect(withFormat(base, 'enter', 'iso').enter).toEqual({ column: 'Queued at', format: 'iso' });
    expect(withFormat({ answer: 'Answered' }, 'answer', 'epoch-s').answer).toEqual({ column: 'Answered', format: 'epoch-s' });
    expect(withColumn({}, 'date', 'Day').date).toEqual({ column: 'Day', format: 'YYYY-MM-DD' });
    expect(unitOf(base, 'talk')).toBe('hms');
    expect(withUnit(base, 'talk', 's').talk).toBe('Talk');
    expect(withUnit({ wait: 'Wait' }, 'wait', 'ms').wait).toEqual({ column: 'Wait', unit: 'ms' });
    // A field without a column has nothing to format.
    expect(withUnit(base, 'hold', 'ms')).toBe(base);
  });

  it('round-trips through JSON, and refuses what is not a mapping object', () => {
    expect(readMapping(writeMapping(base))).toEqual(base);
    expect(readMapping('[1]')).toBeNull();
    expect(readMapping('{oops')).toBeNull();
    expect(readMapping(null)).toBeNull();
  });

  it('offers the values seen in the preview for the outcome rules', () => {
    const rows = ['Y', 'N', 'Y', '', 'N'].map((v, i) => ({ line: i + 2, values: { 'Answered (Y/N)': v } }));
    expect(distinctValues({ rows } as unknown as ImportPreview, 'Answered (Y/N)')).toEqual(['N', 'Y']);
    expect(distinctValues(null, 'x')).toEqual([]);
  });
});

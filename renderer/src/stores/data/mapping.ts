import { OUTCOMES } from '../../../../shared/domain/channels';
import type { ImportPreview } from '../../../../shared/contract';

/**
 * The column mapping editor works on the mapping as plain JSON (the schema lives in core and is
 * checked there): each helper returns a new object and leaves every field it does not edit as
 * it was, so a preset's finer rules (value maps, defaults, `empty` tokens) survive an edit.
 */
export type MappingObject = Record<string, unknown>;

/** Fields the editor offers, in the order an analyst reads a contact record. */
export const EDITOR_FIELDS = ['id', 'enter', 'date', 'answer', 'end', 'channel', 'queue', 'caller', 'agent', 'segment', 'outcome', 'wait', 'talk', 'hold', 'reason', 'csat'] as const;
export type EditorField = (typeof EDITOR_FIELDS)[number];

export const REQUIRED_FIELDS: ReadonlySet<EditorField> = new Set(['id', 'enter', 'queue', 'outcome']);
export const TIME_FIELDS: ReadonlySet<EditorField> = new Set(['enter', 'answer', 'end']);
export const DURATION_FIELDS: ReadonlySet<EditorField> = new Set(['wait', 'talk', 'hold']);
export const TIME_FORMATS = ['iso', 'time', 'epoch-s', 'epoch-ms', 'YYYY-MM-DD HH:mm:ss', 'DD/MM/YYYY HH:mm:ss', 'MM/DD/YYYY HH:mm:ss', 'DD.MM.YYYY HH:mm:ss'] as const;
export const DATE_FORMATS = ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY', 'YYMMDD'] as const;
export const DURATION_UNITS = ['s', 'ms', 'min', 'hms'] as const;
export const OUTCOME_CHOICES = [...OUTCOMES, 'skip'] as const;

export function readMapping(json: string | null): MappingObject | null {
  if (!json) return null;
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as MappingObject) : null;
  } catch {
    return null;
  }
}

export function writeMapping(mapping: MappingObject): string {
  return JSON.stringify(mapping, null, 2);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first column a field reads ('' when it reads none, e.g. a constant). */
export function columnOf(mapping: MappingObject, field: EditorField): string {
  const spec = mapping[field];
  if (typeof spec === 'string') return spec;
  if (!isObject(spec)) return '';
  const column = spec.column ?? spec.present;
  if (typeof column === 'string') return column;
  if (Array.isArray(column) && typeof column[0] === 'string') return column[0];
  return '';
}

/** A constant the field holds instead of a column (e.g. channel "voice"). */
export function constOf(mapping: MappingObject, field: EditorField): string {
  const spec = mapping[field];
  return isObject(spec) && typeof spec.const === 'string' ? spec.const : '';
}

export function withColumn(mapping: MappingObject, field: EditorField, column: string): MappingObject {
  const next = { ...mapping };
  if (column === '') {
    delete next[field];
    return next;
  }
  const spec = mapping[field];
  if (field === 'outcome') {
    const values = isObject(spec) && isObject(spec.values) ? spec.values : {};
    next.outcome = { column, values, ...(isObject(spec) && spec.default !== undefined ? { default: spec.default } : {}) };
  } else if (field === 'date') {
    next.date = { column, format: isObject(spec) && spec.format !== undefined ? spec.format : 'YYYY-MM-DD' };
  } else if (isObject(spec) && spec.column !== undefined) {
    next[field] = { ...spec, column };
  } else if (isObject(spec) && (spec.const !== undefined || spec.join !== undefined)) {
    const rest = { ...spec };
    delete rest.const;
    delete rest.join;
    delete rest.sep;
    next[field] = { ...rest, column };
  } else {
    next[field] = column;
  }
  return next;
}

export function formatOf(mapping: MappingObject, field: EditorField): string {
  const spec = mapping[field];
  if (isObject(spec) && typeof spec.format === 'string') return spec.format;
  if (isObject(spec) && Array.isArray(spec.format) && typeof spec.format[0] === 'string') return spec.format[0];
  return field === 'date' ? 'YYYY-MM-DD' : 'iso';
}

export function withFormat(mapping: MappingObject, field: EditorField, format: string): MappingObject {
  const column = columnOf(mapping, field);
  if (!column) return mapping;
  const spec = mapping[field];
  const base = isObject(spec) ? spec : { column };
  return { ...mapping, [field]: { ...base, format } };
}

export function unitOf(mapping: MappingObject, field: EditorField): string {
  const spec = mapping[field];
  return isObject(spec) && typeof spec.unit === 'string' ? spec.unit : 's';
}

export function withUnit(mapping: MappingObject, field: EditorField, unit: string): MappingObject {
  const column = columnOf(mapping, field);
  if (!column) return mapping;
  const spec = mapping[field];
  const base: Record<string, unknown> = isObject(spec) ? { ...spec } : { column };
  if (unit === 's') delete base.unit;
  else base.unit = unit;
  return { ...mapping, [field]: Object.keys(base).length === 1 && typeof base.column === 'string' ? base.column : base };
}

/** Value → outcome translations of an outcome column (empty when the rule is not column-based). */
export function outcomeValues(mapping: MappingObject): Record<string, string> {
  const spec = mapping.outcome;
  if (!isObject(spec) || !isObject(spec.values)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(spec.values)) if (typeof v === 'string') out[k] = v;
  return out;
}

export function withOutcomeValue(mapping: MappingObject, value: string, outcome: string): MappingObject {
  const spec = mapping.outcome;
  const column = columnOf(mapping, 'outcome');
  if (!column || !isObject(spec) || spec.present !== undefined) return mapping;
  const values = { ...outcomeValues(mapping) };
  if (outcome === '') delete values[value];
  else values[value] = outcome;
  return { ...mapping, outcome: { ...spec, column, values } };
}

/** True when the outcome is decided by something the simple editor does not show (presence of a column, a constant). */
export function outcomeIsCustom(mapping: MappingObject): boolean {
  const spec = mapping.outcome;
  return typeof spec === 'string' || (isObject(spec) && spec.present !== undefined);
}

/** The different values a column takes in the previewed rows, for the outcome rules. */
export function distinctValues(preview: ImportPreview | null, column: string, limit = 12): string[] {
  if (!preview || !column) return [];
  const seen = new Set<string>();
  for (const row of preview.rows) {
    const v = row.values[column];
    if (v !== undefined && v !== '') seen.add(v);
    if (seen.size >= limit) break;
  }
  return [...seen].sort((a, b) => a.localeCompare(b));
}

import type { CsvRecord } from './csv-reader';
import type { ColumnUse, SourceRow } from './translate';

/**
 * Header lookup: exact names first, then the same name ignoring case and surrounding spaces, so a
 * mapping written as `call id` still finds `Call Id`.
 */
export function resolveHeader(headers: readonly string[], uses: readonly ColumnUse[]): { index: Map<string, number>; fatal: string | null; warnings: string[] } {
  const index = new Map<string, number>();
  headers.forEach((h, i) => {
    if (!index.has(h)) index.set(h, i);
  });
  headers.forEach((h, i) => {
    const k = h.trim().toLowerCase();
    if (!index.has(k)) index.set(k, i);
  });
  const has = (c: string) => index.has(c) || index.has(c.trim().toLowerCase());
  const byField = new Map<string, { required: boolean; columns: string[] }>();
  for (const u of uses) {
    const f = byField.get(u.field) ?? { required: false, columns: [] };
    f.required ||= u.required;
    f.columns.push(u.column);
    byField.set(u.field, f);
  }
  const missingRequired: string[] = [];
  const warnings: string[] = [];
  for (const [field, f] of byField) {
    const missing = f.columns.filter((c) => !has(c));
    if (missing.length === 0) continue;
    if (f.required && missing.length === f.columns.length) missingRequired.push(`${field} (${missing.map((c) => `"${c}"`).join(' or ')})`);
    else for (const c of missing) warnings.push(`${field}: column "${c}" is not in the header; treated as empty`);
  }
  const fatal = missingRequired.length > 0 ? `required columns missing from the header: ${missingRequired.join(', ')}` : null;
  return { index, fatal, warnings };
}

export function csvRow(rec: CsvRecord, headers: readonly string[], index: Map<string, number>): SourceRow {
  const { fields } = rec;
  const at = (column: string) => index.get(column) ?? index.get(column.trim().toLowerCase());
  return {
    lineNo: rec.lineNo,
    get(column) {
      const i = at(column);
      if (i === undefined) return undefined;
      return fields[i] ?? '';
    },
    columns: () => headers,
    resolve(column) {
      const i = at(column);
      return i === undefined ? undefined : headers[i];
    },
  };
}

/**
 * A JSON object seen as columns: nested objects become dotted paths (`Queue.Name`), arrays stay
 * whole (as JSON text), null is empty. `raw` keeps the typed value for `extra`.
 */
export function jsonRow(value: Record<string, unknown>, lineNo: number): SourceRow {
  const flat = new Map<string, unknown>();
  flatten(value, '', flat, 0);
  return {
    lineNo,
    get(column) {
      if (!flat.has(column)) return undefined;
      return text(flat.get(column));
    },
    raw: (column) => flat.get(column),
    columns: () => [...flat.keys()],
  };
}

function flatten(value: Record<string, unknown>, prefix: string, out: Map<string, unknown>, depth: number) {
  for (const [k, v] of Object.entries(value)) {
    const key = prefix + k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && depth < 8) {
      flatten(v as Record<string, unknown>, `${key}.`, out, depth + 1);
    } else {
      out.set(key, v);
    }
  }
}

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

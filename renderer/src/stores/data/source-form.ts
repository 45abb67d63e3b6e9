import type { SOURCE_KINDS, SourceInput, SourceView } from '../../../../shared/contract/sources';

/** The add/edit source form as text fields, and the request it makes. */
export type Kind = (typeof SOURCE_KINDS)[number];

export interface SourceDraft {
  kind: Kind;
  name: string;
  file: string;
  site: string;
  host: string;
  port: string;
  username: string;
  secret: string;
}

export function draftOf(source: SourceView | null): SourceDraft {
  const c = source?.config ?? {};
  const text = (v: unknown, fallback = '') => (typeof v === 'string' || typeof v === 'number' ? String(v) : fallback);
  return {
    kind: source?.kind ?? 'queue_log-tail',
    name: source?.name ?? '',
    file: text(c.file),
    site: text(c.site),
    host: text(c.host),
    port: text(c.port, '5038'),
    username: text(c.username),
    // "••••" keeps the stored secret (the server never sends it back).
    secret: text(c.secret),
  };
}

/** The request for the server, or the fields that are not filled in yet. */
export function sourceInputOf(d: SourceDraft): { ok: true; input: SourceInput } | { ok: false; missing: string[] } {
  const need = (names: (keyof SourceDraft)[]) => names.filter((n) => d[n].trim() === '');
  const name = d.name.trim();
  if (d.kind === 'ami') {
    const missing = need(['name', 'host', 'username', 'secret']);
    const port = Number(d.port.trim() || '5038');
    if (!Number.isInteger(port)) missing.push('port');
    if (missing.length) return { ok: false, missing };
    return { ok: true, input: { kind: 'ami', name, config: { host: d.host.trim(), port, username: d.username.trim(), secret: d.secret, site: d.site.trim() || 'default' } } };
  }
  const missing = need(['name', 'file']);
  if (missing.length) return { ok: false, missing };
  if (d.kind === 'ndjson-tail') return { ok: true, input: { kind: 'ndjson-tail', name, config: { file: d.file.trim() } } };
  return { ok: true, input: { kind: 'queue_log-tail', name, config: { file: d.file.trim(), site: d.site.trim() || 'default' } } };
}


import { z } from 'zod';
import { SettingsSchema, type Settings, type SettingsPatch } from '../../../../shared/contract';
import { CHANNELS } from '../../../../shared/domain/channels';

/** Numeric fields of the form, by the settings path the server reports errors under. */
export const NUMBER_FIELDS = [
  ...CHANNELS.map((channel) => `targetSec.${channel}` as const),
  'serviceLevelGoalPct',
  'staleAfterSec',
  'shortAbandonSec',
  'repeatWindowHours',
  'repeatBoost',
  'wallboard.rotateSec',
  'thresholds.amberTargetShare',
  'thresholds.redTargetShare',
  'thresholds.amberDepth',
  'thresholds.redDepth',
  'anomalies.windowDays',
  'anomalies.minContacts',
  'anomalies.minRatio',
  'anomalies.fdr',
] as const;
export type NumberField = (typeof NUMBER_FIELDS)[number];

/**
 * Shares stored as fractions that people think of in percent: "75 % of the target", "5 % false
 * alarms".
 */
const PERCENT_FIELDS: ReadonlySet<NumberField> = new Set(['thresholds.amberTargetShare', 'thresholds.redTargetShare', 'anomalies.fdr']);

export interface Draft {
  timezone: string;
  numbers: Record<NumberField, string>;
  pages: Settings['wallboard']['pages'];
  anomaliesLive: boolean;
}

// Enough digits for any value the schema allows, few enough to drop binary noise (0.07 × 100).
const clean = (v: number) => Number(v.toPrecision(12));
const toShown = (field: NumberField, v: number) => (PERCENT_FIELDS.has(field) ? clean(v * 100) : v);
const toStored = (field: NumberField, v: number) => (PERCENT_FIELDS.has(field) ? clean(v / 100) : v);

function read(settings: Settings, field: NumberField): number {
  const [group, name] = field.split('.') as [string, string | undefined];
  const value = name === undefined ? settings[group as keyof Settings] : (settings[group as keyof Settings] as unknown as Record<string, number>)[name];
  return typeof value === 'number' ? value : Number.NaN;
}

/** The field's schema in the settings contract, so the form checks exactly what the server will. */
function schemaOf(field: NumberField): z.ZodNumber {
  let s: z.ZodType = SettingsSchema;
  for (const part of field.split('.')) {
    while (s instanceof z.ZodDefault || s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
    if (!(s instanceof z.ZodObject)) throw new Error(`${field}: not a settings path`);
    s = (s.shape as Record<string, z.ZodType>)[part]!;
  }
  while (s instanceof z.ZodDefault || s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
  if (!(s instanceof z.ZodNumber)) throw new Error(`${field}: not a number setting`);
  return s;
}

/** Allowed range of a field in the unit the form shows (percent for shares); null: unbounded. */
export interface Bounds {
  min: number | null;
  max: number | null;
  integer: boolean;
}

export function boundsOf(field: NumberField): Bounds {
  const s = schemaOf(field);
  const integer = s.isInt;
  const bound = (v: number | null, step: number) => {
    if (v === null || !Number.isFinite(v) || Math.abs(v) >= Number.MAX_SAFE_INTEGER) return null;
    // An exclusive bound on whole numbers ("positive") is the next whole number, inclusive.
    return integer && !s.safeParse(v).success ? v + step : v;
  };
  const min = bound(s.minValue, 1);
  const max = bound(s.maxValue, -1);
  return { min: min === null ? null : toShown(field, min), max: max === null ? null : toShown(field, max), integer };
}

/** What is wrong with the text of a field, if anything: not a number, or outside the contract's bounds. */
export type FieldProblem = { kind: 'not-a-number' } | ({ kind: 'out-of-range' } & Bounds);

export function problemOf(field: NumberField, text: string): FieldProblem | null {
  const parsed = parseNumber(text);
  if (parsed === null) return { kind: 'not-a-number' };
  return schemaOf(field).safeParse(toStored(field, parsed)).success ? null : { kind: 'out-of-range', ...boundsOf(field) };
}

export function draftFrom(settings: Settings): Draft {
  const numbers = {} as Record<NumberField, string>;
  for (const field of NUMBER_FIELDS) numbers[field] = String(toShown(field, read(settings, field)));
  return { timezone: settings.timezone, numbers, pages: [...settings.wallboard.pages], anomaliesLive: settings.anomalies.live };
}

/**
 * Reads a number typed with Latin, Persian (۰–۹) or Arabic-Indic (٠–٩) digits and either decimal
 * separator ("0,75", "۰٫۷۵"), as people type on their own keyboard layout.
 */
export function parseNumber(text: string): number | null {
  const normalised = text
    .trim()
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u066B,]/g, '.')
    .replace(/[\s\u066C\u00A0]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(normalised)) return null;
  return Number(normalised);
}

export type DraftResult = { ok: true; patch: SettingsPatch } | { ok: false; invalid: NumberField[] };

/**
 * The patch to send. Numbers are checked against the contract's bounds here, so the message can
 * name them in the user's language; the server checks everything again.
 */
export function patchFrom(draft: Draft, settings: Settings): DraftResult {
  const values = {} as Record<NumberField, number>;
  const invalid: NumberField[] = [];
  for (const field of NUMBER_FIELDS) {
    const parsed = parseNumber(draft.numbers[field]);
    if (parsed === null || problemOf(field, draft.numbers[field])) invalid.push(field);
    else values[field] = toStored(field, parsed);
  }
  if (invalid.length > 0) return { ok: false, invalid };
  return {
    ok: true,
    patch: {
      timezone: draft.timezone.trim(),
      targetSec: {
        voice: values['targetSec.voice'],
        chat: values['targetSec.chat'],
        email: values['targetSec.email'],
        social: values['targetSec.social'],
        sms: values['targetSec.sms'],
      },
      serviceLevelGoalPct: values.serviceLevelGoalPct,
      staleAfterSec: values.staleAfterSec,
      shortAbandonSec: values.shortAbandonSec,
      repeatWindowHours: values.repeatWindowHours,
      repeatBoost: values.repeatBoost,
      wallboard: { ...settings.wallboard, rotateSec: values['wallboard.rotateSec'], pages: draft.pages },
      thresholds: {
        amberTargetShare: values['thresholds.amberTargetShare'],
        redTargetShare: values['thresholds.redTargetShare'],
        amberDepth: values['thresholds.amberDepth'],
        redDepth: values['thresholds.redDepth'],
      },
      anomalies: {
        windowDays: values['anomalies.windowDays'],
        minContacts: values['anomalies.minContacts'],
        minRatio: values['anomalies.minRatio'],
        fdr: values['anomalies.fdr'],
        live: draft.anomaliesLive,
      },
    },
  };
}

export function sameDraft(a: Draft, b: Draft): boolean {
  return (
    a.timezone === b.timezone &&
    a.pages.join() === b.pages.join() &&
    a.anomaliesLive === b.anomaliesLive &&
    NUMBER_FIELDS.every((f) => a.numbers[f] === b.numbers[f])
  );
}

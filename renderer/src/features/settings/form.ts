import type { Settings, SettingsPatch } from '../../../../shared/contract';
import { CHANNELS } from '../../../../shared/domain/channels';

/** Numeric fields of the form, by the settings path the server reports errors under. */
export const NUMBER_FIELDS = [
  ...CHANNELS.map((channel) => `targetSec.${channel}` as const),
  'serviceLevelGoalPct',
  'staleAfterSec',
  'wallboard.rotateSec',
  'thresholds.amberTargetShare',
  'thresholds.redTargetShare',
  'thresholds.amberDepth',
  'thresholds.redDepth',
] as const;
export type NumberField = (typeof NUMBER_FIELDS)[number];

/** Target shares are stored as 0..1 (or more) but people think of "75 % of the target". */
const PERCENT_FIELDS: ReadonlySet<NumberField> = new Set(['thresholds.amberTargetShare', 'thresholds.redTargetShare']);

export interface Draft {
  timezone: string;
  numbers: Record<NumberField, string>;
  pages: Settings['wallboard']['pages'];
}

function read(settings: Settings, field: NumberField): number {
  const [group, name] = field.split('.') as [string, string | undefined];
  const value = name === undefined ? settings[group as keyof Settings] : (settings[group as keyof Settings] as unknown as Record<string, number>)[name];
  return typeof value === 'number' ? value : Number.NaN;
}

export function draftFrom(settings: Settings): Draft {
  const numbers = {} as Record<NumberField, string>;
  for (const field of NUMBER_FIELDS) {
    const value = read(settings, field);
    numbers[field] = String(PERCENT_FIELDS.has(field) ? Math.round(value * 1000) / 10 : value);
  }
  return { timezone: settings.timezone, numbers, pages: [...settings.wallboard.pages] };
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

/** The patch to send; fields that are not numbers at all are caught here, the rest by the server. */
export function patchFrom(draft: Draft, settings: Settings): DraftResult {
  const values = {} as Record<NumberField, number>;
  const invalid: NumberField[] = [];
  for (const field of NUMBER_FIELDS) {
    const parsed = parseNumber(draft.numbers[field]);
    if (parsed === null) invalid.push(field);
    else values[field] = PERCENT_FIELDS.has(field) ? Math.round(parsed * 10) / 1000 : parsed;
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
      wallboard: { ...settings.wallboard, rotateSec: values['wallboard.rotateSec'], pages: draft.pages },
      thresholds: {
        amberTargetShare: values['thresholds.amberTargetShare'],
        redTargetShare: values['thresholds.redTargetShare'],
        amberDepth: values['thresholds.amberDepth'],
        redDepth: values['thresholds.redDepth'],
      },
    },
  };
}

export function sameDraft(a: Draft, b: Draft): boolean {
  return a.timezone === b.timezone && a.pages.join() === b.pages.join() && NUMBER_FIELDS.every((f) => a.numbers[f] === b.numbers[f]);
}

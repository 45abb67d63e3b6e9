import { z } from 'zod';
import { SettingsSchema, type Settings, type SettingsPatch } from '../../../../shared/contract';
import { parseNumber } from './form';

export type SegmentRule = Settings['segmentRules'][number];
export type RuleKind = SegmentRule['kind'];
export const RULE_KINDS: readonly RuleKind[] = ['prefix', 'queue', 'did'];

/** One editable row; `key` keeps React's identity of a row across removals. */
export interface RuleRow {
  key: number;
  kind: RuleKind;
  pattern: string;
  segment: string;
}
export interface WeightRow {
  key: number;
  segment: string;
  weight: string;
}
export interface SegmentsDraft {
  rules: RuleRow[];
  weights: WeightRow[];
}

const unwrap = (s: z.ZodType): z.ZodType => {
  while (s instanceof z.ZodDefault || s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
  return s;
};
const rulesSchema = unwrap(SettingsSchema.shape.segmentRules) as z.ZodArray<z.ZodObject<{ kind: z.ZodType; pattern: z.ZodString; segment: z.ZodString }>>;
const weightsSchema = unwrap(SettingsSchema.shape.segmentWeights) as z.ZodRecord<z.ZodString, z.ZodNumber>;
const weightSchema = weightsSchema.def.valueType;

const lengthBounds = (s: z.ZodString) => ({ min: s.minLength ?? 0, max: s.maxLength ?? Number.MAX_SAFE_INTEGER });

/** The contract's limits, read from the schema so the form refuses exactly what the server would. */
export const SEGMENT_LIMITS = {
  pattern: lengthBounds(rulesSchema.element.shape.pattern),
  segment: lengthBounds(rulesSchema.element.shape.segment),
  weightSegment: lengthBounds(weightsSchema.def.keyType),
  maxRules: (rulesSchema.def.checks ?? []).reduce((max, check) => {
    const def = (check as unknown as { _zod: { def: { check: string; maximum?: number } } })._zod.def;
    return def.check === 'max_length' && def.maximum !== undefined ? Math.min(max, def.maximum) : max;
  }, Number.MAX_SAFE_INTEGER),
  weight: {
    min: weightSchema.minValue ?? 0,
    // "positive": the lower bound itself is not allowed.
    minExclusive: weightSchema.minValue !== null && !weightSchema.safeParse(weightSchema.minValue).success,
    max: weightSchema.maxValue ?? Number.MAX_SAFE_INTEGER,
  },
};

export type SegmentProblem =
  | { kind: 'empty' }
  | { kind: 'too-long'; max: number }
  | { kind: 'duplicate'; row: number }
  | { kind: 'not-a-number' }
  | { kind: 'weight-range'; min: number; max: number; minExclusive: boolean };

export interface RuleProblems {
  pattern?: SegmentProblem;
  segment?: SegmentProblem;
}
export interface WeightProblems {
  segment?: SegmentProblem;
  weight?: SegmentProblem;
}
export interface SegmentProblems {
  rules: RuleProblems[];
  weights: WeightProblems[];
  /** More rules than the contract allows. */
  tooManyRules: boolean;
}

let nextKey = 1;
const newKey = () => nextKey++;

export function segmentsDraftFrom(settings: Settings): SegmentsDraft {
  return {
    rules: settings.segmentRules.map((r) => ({ key: newKey(), kind: r.kind, pattern: r.pattern, segment: r.segment })),
    weights: Object.entries(settings.segmentWeights).map(([segment, weight]) => ({ key: newKey(), segment, weight: String(weight) })),
  };
}

export const emptyRule = (): RuleRow => ({ key: newKey(), kind: 'prefix', pattern: '', segment: '' });
export const emptyWeight = (): WeightRow => ({ key: newKey(), segment: '', weight: '1' });

function textProblem(text: string, bounds: { min: number; max: number }): SegmentProblem | undefined {
  const trimmed = text.trim();
  if (trimmed.length < Math.max(1, bounds.min)) return { kind: 'empty' };
  if (trimmed.length > bounds.max) return { kind: 'too-long', max: bounds.max };
  return undefined;
}

export function weightProblem(text: string): SegmentProblem | undefined {
  const value = parseNumber(text);
  if (value === null) return { kind: 'not-a-number' };
  return weightSchema.safeParse(value).success ? undefined : { kind: 'weight-range', ...SEGMENT_LIMITS.weight };
}

/** A rule's identity: two rules of the same kind and pattern would contradict each other. */
const ruleIdentity = (r: Pick<RuleRow, 'kind' | 'pattern'>) => `${r.kind}\u0000${r.pattern.trim()}`;

/**
 * What is wrong with each row, by position. A repeated (kind, pattern) pair or weight segment is
 * marked on the later row, naming the earlier one (1-based) so the message can point at it.
 */
export function segmentProblems(draft: SegmentsDraft): SegmentProblems {
  const seenRules = new Map<string, number>();
  const rules = draft.rules.map((row, index): RuleProblems => {
    const problems: RuleProblems = {};
    const pattern = textProblem(row.pattern, SEGMENT_LIMITS.pattern);
    if (pattern) problems.pattern = pattern;
    else {
      const earlier = seenRules.get(ruleIdentity(row));
      if (earlier !== undefined) problems.pattern = { kind: 'duplicate', row: earlier + 1 };
      else seenRules.set(ruleIdentity(row), index);
    }
    const segment = textProblem(row.segment, SEGMENT_LIMITS.segment);
    if (segment) problems.segment = segment;
    return problems;
  });
  const seenWeights = new Map<string, number>();
  const weights = draft.weights.map((row, index): WeightProblems => {
    const problems: WeightProblems = {};
    const segment = textProblem(row.segment, SEGMENT_LIMITS.weightSegment);
    if (segment) problems.segment = segment;
    else {
      const earlier = seenWeights.get(row.segment.trim());
      if (earlier !== undefined) problems.segment = { kind: 'duplicate', row: earlier + 1 };
      else seenWeights.set(row.segment.trim(), index);
    }
    const weight = weightProblem(row.weight);
    if (weight) problems.weight = weight;
    return problems;
  });
  return { rules, weights, tooManyRules: draft.rules.length > SEGMENT_LIMITS.maxRules };
}

export function hasProblems(p: SegmentProblems): boolean {
  return p.tooManyRules || p.rules.some((r) => r.pattern || r.segment) || p.weights.some((w) => w.segment || w.weight);
}

/** The first invalid cell, for focus: which table, row and column. */
export function firstProblem(p: SegmentProblems): { table: 'rule' | 'weight'; row: number; column: 'pattern' | 'segment' | 'weight' } | null {
  for (const [row, r] of p.rules.entries()) {
    if (r.pattern) return { table: 'rule', row, column: 'pattern' };
    if (r.segment) return { table: 'rule', row, column: 'segment' };
  }
  for (const [row, w] of p.weights.entries()) {
    if (w.segment) return { table: 'weight', row, column: 'segment' };
    if (w.weight) return { table: 'weight', row, column: 'weight' };
  }
  return null;
}

const rulesOf = (draft: SegmentsDraft): SegmentRule[] => draft.rules.map((r) => ({ kind: r.kind, pattern: r.pattern.trim(), segment: r.segment.trim() }));

function weightsOf(draft: SegmentsDraft): Record<string, number> {
  const out: Record<string, number> = {};
  for (const w of draft.weights) out[w.segment.trim()] = parseNumber(w.weight) ?? Number.NaN;
  return out;
}

const sameRules = (a: readonly SegmentRule[], b: readonly SegmentRule[]) =>
  a.length === b.length && a.every((r, i) => r.kind === b[i]!.kind && r.pattern === b[i]!.pattern && r.segment === b[i]!.segment);

function sameWeights(a: Record<string, number>, b: Record<string, number>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

export type SegmentsPatchResult =
  | { ok: true; patch: SettingsPatch; rulesChanged: boolean; weightsChanged: boolean }
  | { ok: false; problems: SegmentProblems };

/**
 * The patch that saves the tables: each changed table as a whole (a list has no partial update).
 * Text is trimmed: a pattern with a stray space would never match a number.
 */
export function segmentsPatch(draft: SegmentsDraft, settings: Settings): SegmentsPatchResult {
  const problems = segmentProblems(draft);
  if (hasProblems(problems)) return { ok: false, problems };
  const rules = rulesOf(draft);
  const weights = weightsOf(draft);
  const rulesChanged = !sameRules(rules, settings.segmentRules);
  const weightsChanged = !sameWeights(weights, settings.segmentWeights);
  const patch: SettingsPatch = {};
  if (rulesChanged) patch.segmentRules = rules;
  if (weightsChanged) patch.segmentWeights = weights;
  return { ok: true, patch, rulesChanged, weightsChanged };
}

/** Whether the draft says something other than the saved settings (row keys aside). */
export function segmentsDirty(draft: SegmentsDraft, settings: Settings): boolean {
  if (draft.rules.length !== settings.segmentRules.length || draft.weights.length !== Object.keys(settings.segmentWeights).length) return true;
  const rawRules = draft.rules.map((r) => ({ kind: r.kind, pattern: r.pattern, segment: r.segment }));
  if (!sameRules(rawRules, settings.segmentRules)) return true;
  const saved = Object.entries(settings.segmentWeights);
  return draft.weights.some((w, i) => w.segment !== saved[i]![0] || w.weight !== String(saved[i]![1]));
}

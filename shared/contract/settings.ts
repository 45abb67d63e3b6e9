import { z } from 'zod';
import { DEFAULT_TARGET_SEC, type Channel } from '../domain/channels';
import { AnomalySettings } from './anomalies';

const targetSeconds = z.number().int().positive().max(7 * 86400);
const TargetSec = z
  .object({
    voice: targetSeconds.default(DEFAULT_TARGET_SEC.voice),
    chat: targetSeconds.default(DEFAULT_TARGET_SEC.chat),
    email: targetSeconds.default(DEFAULT_TARGET_SEC.email),
    social: targetSeconds.default(DEFAULT_TARGET_SEC.social),
    sms: targetSeconds.default(DEFAULT_TARGET_SEC.sms),
  } satisfies Record<Channel, z.ZodType>)
  .default(DEFAULT_TARGET_SEC);

export const LOCALES = ['en', 'fa', 'zh', 'et'] as const;
export type Locale = (typeof LOCALES)[number];
export const THEMES = ['dark', 'light', 'high-contrast'] as const;
export const WALLBOARD_PAGES = ['channels', 'queues', 'agents', 'anomalies'] as const;

/** Valid IANA zone, checked with the runtime's own Intl data. */
export const TimeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'Unknown IANA time zone (expected e.g. "Europe/Tallinn")');

/**
 * Every setting, with its default. One schema serves electron-store (desktop), the JSON settings
 * file of the headless host and CLI, and the settings screen.
 */
export const SettingsSchema = z.object({
  timezone: TimeZone.default('UTC'),
  locale: z.enum(LOCALES).default('en'),
  theme: z.enum(THEMES).default('dark'),
  /** Answer target per channel in seconds (service level "Y"). */
  targetSec: TargetSec,
  /** Service-level goal, percent of contacts answered within target ("X"). */
  serviceLevelGoalPct: z.number().min(1).max(100).default(80),
  shortAbandonSec: z.number().int().min(0).max(600).default(5),
  repeatWindowHours: z.number().int().min(1).max(24 * 30).default(72),
  /** Urgency weight of a customer segment (DESIGN §5); segments not listed weigh 1. */
  segmentWeights: z.record(z.string().min(1), z.number().positive().max(10)).default({ VIP: 1.5 }),
  repeatBoost: z.number().min(1).max(10).default(1.25),
  /**
   * Segment rules for contacts the customer directory does not know: a caller number prefix, a
   * queue or a dialled number (DID) gives the segment. The directory always wins; then the most
   * specific rule (longest pattern).
   */
  segmentRules: z
    .array(
      z.object({
        kind: z.enum(['prefix', 'queue', 'did']),
        pattern: z.string().min(1).max(100),
        segment: z.string().min(1).max(100),
      }),
    )
    .max(1000)
    .default([]),
  /** Seconds without any update before screens say the data is stale. */
  staleAfterSec: z.number().int().min(2).max(3600).default(30),
  /** Amber/red thresholds: share of the answer target used by the longest waiting contact. */
  thresholds: z
    .object({
      amberTargetShare: z.number().min(0).max(10).default(0.75),
      redTargetShare: z.number().min(0).max(10).default(1),
      /** Queue depth (contacts waiting) that turns a tile amber / red. */
      amberDepth: z.number().int().min(1).default(5),
      redDepth: z.number().int().min(1).default(10),
    })
    .default({ amberTargetShare: 0.75, redTargetShare: 1, amberDepth: 5, redDepth: 10 }),
  wallboard: z
    .object({
      rotateSec: z.number().int().min(5).max(600).default(20),
      pages: z.array(z.enum(WALLBOARD_PAGES)).min(1).default(['channels', 'queues', 'agents']),
      displayId: z.number().int().nullable().default(null),
    })
    .default({ rotateSec: 20, pages: ['channels', 'queues', 'agents'], displayId: null }),
  notifications: z
    .object({
      desktop: z.boolean().default(false),
      sound: z.boolean().default(false),
    })
    .default({ desktop: false, sound: false }),
  anomalies: AnomalySettings,
});

export type Settings = z.infer<typeof SettingsSchema>;
/**
 * A change to some settings. Not `SettingsSchema.partial()`: that still fills every nested
 * default, so a patch of one field would reset all the others. Range checks still apply.
 */
export const SettingsPatch = z.object(
  Object.fromEntries(
    Object.entries(SettingsSchema.shape).map(([key, schema]) => [key, (schema as unknown as z.ZodDefault<z.ZodType>).removeDefault().optional()]),
  ) as { [K in keyof typeof SettingsSchema.shape]: z.ZodOptional<z.ZodType<z.output<(typeof SettingsSchema.shape)[K]>, z.input<(typeof SettingsSchema.shape)[K]>>> },
);
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export function defaultSettings(): Settings {
  return SettingsSchema.parse({});
}

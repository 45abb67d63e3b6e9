import type { Locale } from '../../../shared/contract';
import { alertMessages } from '../features/alerts/messages';
import { dataMessages } from '../features/data/messages';
import { anomalyMessages } from '../features/anomalies/messages';
import { coachingMessages } from '../features/coaching/messages';
import { reviewMessages } from '../features/review/messages';
import { agentDirectoryMessages } from '../features/agents/messages';
import { settingsSegmentMessages } from '../features/settings/messages';
import { en } from './locales/en';
import { et } from './locales/et';
import { fa } from './locales/fa';
import { zh } from './locales/zh';

/**
 * Every screen's messages. The shell's live in ./locales; each feature keeps its own in
 * `features/<feature>/messages.ts` (made with `featureMessages`) and is listed here once, so
 * features can grow their texts without touching each other's files.
 */
export interface FeatureMessages<K extends string> {
  en: Record<K, string>;
  fa: Record<K, string>;
  zh: Record<K, string>;
  et: Record<K, string>;
}

/** Declares a feature's texts: English first (the reference), then every other locale with the same keys. */
export function featureMessages<const E extends Record<string, string>>(m: { en: E } & Omit<FeatureMessages<Extract<keyof E, string>>, 'en'>): FeatureMessages<Extract<keyof E, string>> {
  return m;
}

const FEATURES = [dataMessages, alertMessages, anomalyMessages, coachingMessages, reviewMessages, agentDirectoryMessages, settingsSegmentMessages] as const;

// Distributes over the features: inferring from their union at once would find no common keys.
type KeysOf<F> = F extends FeatureMessages<infer K> ? K : never;
type FeatureKeys = KeysOf<(typeof FEATURES)[number]>;
export type MessageKey = keyof typeof en | FeatureKeys;
export type Messages = Record<MessageKey, string>;

const core: Record<Locale, Record<string, string>> = { en, fa, zh, et };

function merged(locale: Locale): Messages {
  const out: Record<string, string> = { ...core[locale] };
  for (const f of FEATURES as readonly FeatureMessages<string>[]) Object.assign(out, f[locale]);
  return out as Messages;
}

export const MESSAGES: Record<Locale, Messages> = { en: merged('en'), fa: merged('fa'), zh: merged('zh'), et: merged('et') };
export const ENGLISH: Messages = MESSAGES.en;

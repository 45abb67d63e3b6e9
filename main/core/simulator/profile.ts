import { CHANNELS, type Channel } from '../../../shared/domain/channels';
import type { LocalParts } from './localtime';

/**
 * Traffic shape of each channel. The numbers are tuned so a ~20-agent floor on a weekday peak
 * shows a few waiting voice calls and a voice service level of roughly 70–90 % (see
 * realism.test.ts), while email and social keep a backlog through quiet hours.
 */
export const SEGMENTS = ['VIP', 'Business', 'Consumer', 'New'] as const;
export type Segment = (typeof SEGMENTS)[number];

/** Median (seconds) and sigma of a lognormal duration. */
export interface Duration {
  median: number;
  sigma: number;
}

export interface QueueProfile {
  name: string;
  /** Dialled number of a voice queue. */
  did?: string;
  /** Share of the channel's contacts per segment, in SEGMENTS order. */
  share: readonly [number, number, number, number];
  talk: Duration;
  reasons: readonly string[];
}

export interface ChannelProfile {
  queues: readonly QueueProfile[];
  /** Arrivals per hour at a weekday profile value of 1 (intensity 1). */
  peakPerHour: number;
  /** Relative arrival rate at the middle of each local hour, Monday–Friday. */
  weekday: readonly number[];
  /** Saturday profile; Sunday is this times `sunday`. */
  weekend: readonly number[];
  sunday: number;
  /** Segment mix of fresh contacts, in SEGMENTS order. */
  segments: readonly [number, number, number, number];
  holdShare: number;
  hold: Duration;
  wrap: Duration;
  patience: Duration;
  /** Callers who hang up within seconds (misdials, IVR confusion). */
  shortAbandonShare: number;
  /** How a contact leaves when its patience runs out. */
  leave: 'abandoned' | 'timeout';
  /** Queue maximum wait after which the system ends the contact as a timeout. */
  maxWaitSec: number | null;
  /** Time an agent takes to accept a ringing contact. */
  accept: Duration;
  /**
   * Time before an async contact can be routed: emails and posts go through auto-acknowledge and
   * triage and are worked in batches, so even an idle floor carries an inbox backlog.
   */
  defer: Duration | null;
  /** Agents skip contacts of these channels unless this many other agents stay idle. */
  reserve: number;
  /** Worked by the agents on async duty, a capped share of the floor (see routing). */
  async: boolean;
  /** Routing tier: lower is served first. */
  tier: number;
  resolved: number;
  surveyShare: number;
  /** Abandon share in normal operation; the `unanswered` injection scales from it. */
  nominalAbandon: number;
  /** Chance a customer who gave up tries again, and after how long. */
  retryAfterAbandon: number;
  retryDelay: Duration;
}

const weekendFrom = (weekday: readonly number[], factor: number): number[] => weekday.map((v) => v * factor);

const VOICE_WEEKDAY = [
  0.03, 0.02, 0.02, 0.02, 0.02, 0.03, 0.1, 0.35, 0.72, 0.95, 0.95, 0.85, 0.75, 0.9, 0.95, 0.88, 0.65, 0.34, 0.19,
  0.13, 0.09, 0.07, 0.05, 0.04,
];
const VOICE_WEEKEND = [
  0.03, 0.02, 0.02, 0.02, 0.02, 0.02, 0.04, 0.07, 0.11, 0.15, 0.17, 0.17, 0.16, 0.16, 0.15, 0.13, 0.11, 0.09, 0.08,
  0.06, 0.05, 0.04, 0.03, 0.03,
];
const CHAT_WEEKDAY = [
  0.04, 0.03, 0.02, 0.02, 0.02, 0.03, 0.08, 0.25, 0.55, 0.8, 0.9, 0.9, 0.85, 0.9, 0.95, 0.9, 0.8, 0.6, 0.48, 0.42,
  0.38, 0.3, 0.18, 0.08,
];
const EMAIL_WEEKDAY = [
  0.15, 0.1, 0.08, 0.08, 0.08, 0.12, 0.25, 0.55, 0.85, 1.0, 0.95, 0.9, 0.8, 0.85, 0.85, 0.8, 0.7, 0.55, 0.45, 0.4,
  0.35, 0.3, 0.25, 0.2,
];
const SOCIAL_WEEKDAY = [
  0.25, 0.15, 0.1, 0.08, 0.08, 0.1, 0.2, 0.4, 0.6, 0.75, 0.8, 0.85, 0.9, 0.85, 0.85, 0.85, 0.85, 0.9, 0.95, 1.0,
  1.0, 0.9, 0.7, 0.45,
];
const SMS_WEEKDAY = [
  0.05, 0.03, 0.02, 0.02, 0.02, 0.04, 0.12, 0.4, 0.8, 1.0, 0.95, 0.9, 0.8, 0.9, 0.9, 0.85, 0.75, 0.6, 0.45, 0.35,
  0.28, 0.2, 0.12, 0.08,
];

const GENERIC_REASONS = ['Order status', 'Account change', 'Technical question', 'Complaint', 'Information'];

export const PROFILES: Record<Channel, ChannelProfile> = {
  voice: {
    queues: [
      {
        name: 'Sales',
        did: '+3726001001',
        share: [0.25, 0.3, 0.25, 0.5],
        talk: { median: 270, sigma: 0.55 },
        reasons: ['New subscription', 'Upgrade', 'Price question', 'Contract renewal'],
      },
      {
        name: 'Support',
        did: '+3726001002',
        share: [0.55, 0.45, 0.55, 0.4],
        talk: { median: 250, sigma: 0.6 },
        reasons: ['Connection issue', 'Device setup', 'Password reset', 'Outage', 'Slow service'],
      },
      {
        name: 'Billing',
        did: '+3726001003',
        share: [0.2, 0.25, 0.2, 0.1],
        talk: { median: 210, sigma: 0.5 },
        reasons: ['Invoice question', 'Payment arrangement', 'Refund', 'Direct debit'],
      },
    ],
    peakPerHour: 52,
    weekday: VOICE_WEEKDAY,
    weekend: VOICE_WEEKEND,
    sunday: 0.8,
    segments: [0.06, 0.24, 0.55, 0.15],
    holdShare: 0.25,
    hold: { median: 45, sigma: 0.7 },
    wrap: { median: 35, sigma: 0.5 },
    patience: { median: 110, sigma: 0.55 },
    shortAbandonShare: 0.015,
    leave: 'abandoned',
    maxWaitSec: 900,
    accept: { median: 4, sigma: 0.4 },
    defer: null,
    reserve: 0,
    async: false,
    tier: 0,
    resolved: 0.85,
    surveyShare: 0.12,
    nominalAbandon: 0.06,
    retryAfterAbandon: 0.35,
    retryDelay: { median: 480, sigma: 0.8 },
  },
  chat: {
    queues: [{ name: 'Web chat', share: [1, 1, 1, 1], talk: { median: 420, sigma: 0.5 }, reasons: GENERIC_REASONS }],
    peakPerHour: 13,
    weekday: CHAT_WEEKDAY,
    weekend: weekendFrom(CHAT_WEEKDAY, 0.3),
    sunday: 0.85,
    segments: [0.03, 0.15, 0.55, 0.27],
    holdShare: 0,
    hold: { median: 0, sigma: 0 },
    wrap: { median: 20, sigma: 0.5 },
    patience: { median: 180, sigma: 0.5 },
    shortAbandonShare: 0.01,
    leave: 'abandoned',
    maxWaitSec: null,
    accept: { median: 6, sigma: 0.4 },
    defer: null,
    reserve: 0,
    async: false,
    tier: 1,
    resolved: 0.8,
    surveyShare: 0.35,
    nominalAbandon: 0.06,
    retryAfterAbandon: 0.3,
    retryDelay: { median: 900, sigma: 0.8 },
  },
  email: {
    queues: [{ name: 'Inbox', share: [1, 1, 1, 1], talk: { median: 300, sigma: 0.6 }, reasons: GENERIC_REASONS }],
    peakPerHour: 12,
    weekday: EMAIL_WEEKDAY,
    weekend: weekendFrom(EMAIL_WEEKDAY, 0.25),
    sunday: 0.9,
    segments: [0.05, 0.35, 0.45, 0.15],
    holdShare: 0,
    hold: { median: 0, sigma: 0 },
    wrap: { median: 15, sigma: 0.5 },
    // Practically never: an email is closed unanswered only after days.
    patience: { median: 5 * 86400, sigma: 0.25 },
    shortAbandonShare: 0,
    leave: 'timeout',
    maxWaitSec: null,
    accept: { median: 2, sigma: 0.4 },
    defer: { median: 3600, sigma: 0.5 },
    reserve: 2,
    async: true,
    tier: 4,
    resolved: 0.75,
    surveyShare: 0.2,
    nominalAbandon: 0.01,
    retryAfterAbandon: 0,
    retryDelay: { median: 3600, sigma: 0.5 },
  },
  social: {
    queues: [{ name: 'Social', share: [1, 1, 1, 1], talk: { median: 150, sigma: 0.5 }, reasons: GENERIC_REASONS }],
    peakPerHour: 5,
    weekday: SOCIAL_WEEKDAY,
    weekend: weekendFrom(SOCIAL_WEEKDAY, 0.8),
    sunday: 1,
    segments: [0.02, 0.08, 0.7, 0.2],
    holdShare: 0,
    hold: { median: 0, sigma: 0 },
    wrap: { median: 10, sigma: 0.5 },
    patience: { median: 14 * 3600, sigma: 0.5 },
    shortAbandonShare: 0,
    leave: 'abandoned',
    maxWaitSec: null,
    accept: { median: 2, sigma: 0.4 },
    defer: { median: 1800, sigma: 0.5 },
    reserve: 2,
    async: true,
    tier: 3,
    resolved: 0.8,
    surveyShare: 0.1,
    nominalAbandon: 0.02,
    retryAfterAbandon: 0.2,
    retryDelay: { median: 3600, sigma: 0.8 },
  },
  sms: {
    queues: [{ name: 'SMS', share: [1, 1, 1, 1], talk: { median: 120, sigma: 0.5 }, reasons: GENERIC_REASONS }],
    peakPerHour: 7,
    weekday: SMS_WEEKDAY,
    weekend: weekendFrom(SMS_WEEKDAY, 0.4),
    sunday: 0.8,
    segments: [0.04, 0.16, 0.6, 0.2],
    holdShare: 0,
    hold: { median: 0, sigma: 0 },
    wrap: { median: 10, sigma: 0.5 },
    patience: { median: 10 * 3600, sigma: 0.6 },
    shortAbandonShare: 0,
    leave: 'abandoned',
    maxWaitSec: null,
    accept: { median: 3, sigma: 0.4 },
    defer: null,
    reserve: 0,
    async: false,
    tier: 2,
    resolved: 0.85,
    surveyShare: 0.15,
    nominalAbandon: 0.02,
    retryAfterAbandon: 0.3,
    retryDelay: { median: 1800, sigma: 0.8 },
  },
};

export const QUEUE_CHANNEL = new Map<string, Channel>(
  CHANNELS.flatMap((channel) => PROFILES[channel].queues.map((q) => [q.name, channel] as const)),
);

/** Arrivals per hour at a local instant, linearly interpolated between hour midpoints. */
export function arrivalsPerHour(channel: Channel, local: LocalParts): number {
  const p = PROFILES[channel];
  const h = local.minuteOfDay / 60 - 0.5;
  const i = Math.floor(h);
  const f = h - i;
  const curve = local.weekday === 0 || local.weekday === 6 ? p.weekend : p.weekday;
  const a = curve[(i + 24) % 24] ?? 0;
  const b = curve[(i + 25) % 24] ?? 0;
  const dayFactor = local.weekday === 0 ? p.sunday : 1;
  return p.peakPerHour * (a + (b - a) * f) * dayFactor;
}

/** The five contact channels Floorwatch knows. Order is the display order everywhere. */
export const CHANNELS = ['voice', 'chat', 'email', 'social', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

/**
 * Default answer targets per channel, in seconds (DESIGN §4): voice 20 s, chat 60 s, SMS 15 min,
 * social 1 h, email 4 h. Each is a setting; these are only the values a new install starts with.
 */
export const DEFAULT_TARGET_SEC: Record<Channel, number> = {
  voice: 20,
  chat: 60,
  email: 4 * 3600,
  social: 3600,
  sms: 15 * 60,
};

/** Outcomes a finished contact can have. `null` in storage means "not finished yet". */
export const OUTCOMES = [
  'answered',
  'abandoned',
  'timeout',
  'exit-empty',
  'exit-key',
  'transferred',
  'closed',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const AGENT_STATES = ['available', 'ringing', 'busy', 'wrapup', 'paused', 'offline'] as const;
export type AgentState = (typeof AGENT_STATES)[number];

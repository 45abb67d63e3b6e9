import { z } from 'zod';
import type { MethodSpec } from './api';

/** One person on the floor as the directory knows them (agents merged away are not listed). */
export const AgentEntry = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string().nullable(),
  /** Every spelling sources use for this person, including those of agents merged into it. */
  aliases: z.array(z.string()),
  /** Answered contacts handled by this agent, all time. */
  contacts: z.number().int().nonnegative(),
  /** Latest contact, ring attempt or agent event (UTC epoch ms); null if never seen. */
  lastSeen: z.number().nullable(),
  state: z.string(),
});
export type AgentEntry = z.infer<typeof AgentEntry>;

export const AGENT_NAME_MAX = 80;

/** A display name: trimmed, 1–80 characters. */
export const AgentName = z
  .string()
  .trim()
  .min(1, 'A name cannot be empty.')
  .max(AGENT_NAME_MAX, `A name has at most ${AGENT_NAME_MAX} characters.`);

export const AgentRename = z.object({ id: z.number().int(), name: AgentName }).strict();
export const AgentMerge = z
  .object({ from: z.number().int(), into: z.number().int() })
  .strict()
  .refine((v) => v.from !== v.into, { message: 'An agent cannot be merged into itself.', path: ['into'] });

export const AgentMergeResult = z.object({
  /** The surviving agent, with the merged one's aliases and figures. */
  agent: AgentEntry,
  /** What moved from the merged agent. */
  moved: z.object({
    contacts: z.number().int().nonnegative(),
    attempts: z.number().int().nonnegative(),
    agentEvents: z.number().int().nonnegative(),
    aliases: z.number().int().nonnegative(),
  }),
});
export type AgentMergeResult = z.infer<typeof AgentMergeResult>;

/** Pushed after a rename or a merge, so open screens reload names. */
export const AgentsChanged = z.object({
  kind: z.enum(['renamed', 'merged']),
  id: z.number().int(),
  /** For a merge: the agent that survived (`id` is the one merged away). */
  into: z.number().int().nullable(),
});
export type AgentsChanged = z.infer<typeof AgentsChanged>;

const spec = <I extends z.ZodType, O extends z.ZodType>(access: 'read' | 'write', input: I, output: O): MethodSpec<I, O> => ({ access, input, output });

export const agentMethods = {
  'agents.directory': spec('read', z.object({}).strict(), z.array(AgentEntry)),
  /** A chosen name is kept across re-imports (ingest only replaces a name equal to the interface). */
  'agents.rename': spec('write', AgentRename, AgentEntry),
  /** Moves every contact, ring attempt, event, alias and rollup figure of `from` to `into`; not undoable. */
  'agents.merge': spec('write', AgentMerge, AgentMergeResult),
} as const satisfies Record<string, MethodSpec>;

export const agentEvents = { 'agents.changed': AgentsChanged } as const;

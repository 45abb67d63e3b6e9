import { parseArgs } from 'node:util';
import type { AgentEntry } from '../../../shared/contract/agents';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/contract/api';
import { createCore, type CoreInternals } from '../../core/app';
import { CliError, packageVersion, print, settingsFor, type GlobalOptions } from '../context';

export const agentsHelp = `floorwatch agents list [--json]
floorwatch agents rename AGENT NAME [--json]
floorwatch agents merge FROM INTO [--json]

AGENT, FROM and INTO are an agent id (see \`agents list\`), a name, or any spelling a source uses
(SIP/1001, Agent/1001, a member name).

list     every agent with its id, aliases, answered contacts and when it was last seen
rename   sets the display name (1–80 characters); later imports keep it
merge    moves every contact, ring attempt, event, alias and figure of FROM to INTO in one
         transaction (not undoable); later data under either spelling goes to INTO`;

async function call<M extends MethodName>(core: CoreInternals, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const envelope = await core.dispatcher.call(method, input, { access: 'write' });
  if (!envelope.ok) throw new CliError(envelope.error.message, envelope.error.code === 'bad-input' ? 2 : 1);
  return envelope.result as MethodOutput<M>;
}

/** An id, or a name or alias naming exactly one agent that is not merged away. */
function agentRef(core: CoreInternals, list: AgentEntry[], ref: string): number {
  if (/^\d+$/.test(ref)) return Number(ref);
  const byAlias = core.db.prepare<[string], { id: number }>('SELECT COALESCE(g.merged_into, g.id) AS id FROM agent_aliases a JOIN agents g ON g.id = a.agent_id WHERE a.alias = ?').get(ref);
  if (byAlias) return byAlias.id;
  const named = list.filter((a) => a.name === ref);
  if (named.length === 1) return named[0]!.id;
  if (named.length > 1) throw new CliError(`Several agents are called "${ref}" (ids ${named.map((a) => a.id).join(', ')}): give an id.`);
  throw new CliError(`No agent "${ref}". \`floorwatch agents list\` shows ids and spellings.`);
}

const when = (t: number | null) => (t === null ? 'never' : new Date(t).toISOString().slice(0, 16).replace('T', ' ') + 'Z');

export async function agents(g: GlobalOptions, argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv, options: {}, allowPositionals: true, strict: true });
  const [sub, ...args] = positionals;
  const usage = 'Usage: floorwatch agents list | rename AGENT NAME | merge FROM INTO';
  if (!(sub === 'list' && args.length === 0) && !(sub === 'rename' && args.length === 2) && !(sub === 'merge' && args.length === 2)) throw new CliError(usage, 2);
  const core = createCore({ dbPath: g.db, settings: settingsFor(g), host: 'headless', version: packageVersion(), runSources: false });
  try {
    const list = await call(core, 'agents.directory', {});
    if (sub === 'list') {
      const lines = list.map((a) => `${String(a.id).padStart(5)}  ${a.name}  [${a.aliases.join(', ')}]  ${a.contacts} contacts, last seen ${when(a.lastSeen)}`);
      print(g, lines.length ? lines.join('\n') : 'No agents yet.', list);
    } else if (sub === 'rename') {
      const entry = await call(core, 'agents.rename', { id: agentRef(core, list, args[0]!), name: args[1]! });
      print(g, `Agent ${entry.id} is now "${entry.name}".`, entry);
    } else {
      const from = agentRef(core, list, args[0]!);
      const into = agentRef(core, list, args[1]!);
      const result = await call(core, 'agents.merge', { from, into });
      const m = result.moved;
      print(
        g,
        `Merged agent ${from} into ${into} "${result.agent.name}": moved ${m.contacts} contacts, ${m.attempts} ring attempts, ${m.agentEvents} agent events, ${m.aliases} spellings.`,
        result,
      );
    }
  } finally {
    core.close();
  }
  return 0;
}

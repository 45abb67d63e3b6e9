#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { NewerDatabaseError } from '../db/open';
import { CliError, parseGlobals, type GlobalOptions } from './context';
import { agents, agentsHelp } from './commands/agents';
import { ami, amiHelp } from './commands/ami';
import { anomalies, anomaliesHelp } from './commands/anomalies';
import { coaching, coachingHelp } from './commands/coaching';
import { customers, customersHelp } from './commands/customers';
import { importCommand, importHelp } from './commands/import';
import { tail, tailHelp } from './commands/tail';
import { kpis, kpisHelp } from './commands/kpis';
import { report, reportHelp } from './commands/report';
import { db, dbHelp } from './commands/db';
import { serve, serveHelp } from './commands/serve';
import { simulate, simulateHelp } from './commands/simulate';

type Command = { run: (g: GlobalOptions, argv: string[]) => Promise<number>; help: string; summary: string };

const COMMANDS: Record<string, Command> = {
  import: { run: importCommand, help: importHelp, summary: 'import queue_log files, table exports and other sources into the database' },
  ami: { run: ami, help: amiHelp, summary: 'record a live Asterisk (AMI) into the database until interrupted' },
  customers: { run: customers, help: customersHelp, summary: 'import a customer directory (caller → segment) and re-segment history' },
  kpis: { run: kpis, help: kpisHelp, summary: 'KPIs by local day, hour, weekday, segment, queue, channel, agent (--json, --csv)' },
  anomalies: { run: anomalies, help: anomaliesHelp, summary: 'scan for unanswered-contact and agent-avoidance anomalies and print the flags (--json)' },
  report: { run: report, help: reportHelp, summary: 'write a KPI or contacts report of a date range to .pdf, .csv or .xlsx' },
  db: { run: db, help: dbHelp, summary: 'the data file: info, backup, restore, copy, check, purge old contacts, backup/retention policy' },
  coaching: { run: coaching, help: coachingHelp, summary: 'schedule one-to-ones, list them, export .ics, suggest the cheapest slots' },
  agents: { run: agents, help: agentsHelp, summary: 'list agents, rename one, merge two spellings of one person (--json)' },
  serve: { run: serve, help: serveHelp, summary: 'serve the console and API over HTTP (browser, TV, wall-board)' },
  tail: { run: tail, help: tailHelp, summary: 'follow a growing queue_log or NDJSON file into the database until interrupted' },
  simulate: { run: simulate, help: simulateHelp, summary: 'write simulated multi-channel traffic into the database' },
};

const HELP = `Floorwatch — contact-center supervisor console

Usage: floorwatch [--db PATH] [--tz ZONE] [--json] <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Global options:
  --db PATH    database file (default: the desktop app's data file, or $FLOORWATCH_DB)
  --tz ZONE    site time zone for this run (IANA name, e.g. Europe/Tallinn)
  --json       machine-readable output on stdout
  --help       this help; \`floorwatch <command> --help\` for a command's options`;

const GLOBAL_OPTIONS = { db: { type: 'string' }, tz: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

/** Splits global options (anywhere) from the command and its own options. */
function split(argv: string[]): { globals: string[]; command: string | undefined; rest: string[] } {
  const globals: string[] = [];
  const rest: string[] = [];
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const name = a.startsWith('--') ? a.slice(2).split('=')[0]! : a === '-h' ? 'help' : null;
    if (name !== null && name in GLOBAL_OPTIONS) {
      globals.push(a);
      if (!a.includes('=') && (name === 'db' || name === 'tz')) globals.push(argv[++i] ?? '');
    } else if (command === undefined && !a.startsWith('-')) command = a;
    else rest.push(a);
  }
  return { globals, command, rest };
}

export async function main(argv: string[]): Promise<number> {
  const { globals, command, rest } = split(argv);
  const { values } = parseArgs({ args: globals, options: GLOBAL_OPTIONS, strict: true });
  if (command === undefined) {
    process.stdout.write(`${HELP}\n`);
    return values.help ? 0 : 2;
  }
  const cmd = COMMANDS[command];
  if (!cmd) throw new CliError(`Unknown command "${command}". Run \`floorwatch --help\` for the list.`, 2);
  if (values.help) {
    process.stdout.write(`${cmd.help}\n`);
    return 0;
  }
  return cmd.run(parseGlobals(values), rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof CliError) {
      process.stderr.write(`floorwatch: ${error.message}\n`);
      process.exitCode = error.exitCode;
    } else if (error instanceof NewerDatabaseError) {
      process.stderr.write(`floorwatch: ${error.message}\n`);
      process.exitCode = 1;
    } else if (error instanceof Error && 'code' in error && String((error as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`floorwatch: ${error.message}. Run \`floorwatch --help\`.\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`floorwatch: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);

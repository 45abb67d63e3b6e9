import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/** Runs `floorwatch` from source on `db` with the site zone `zone`, as an analyst would; waits for it to exit. */
export function runCli(db: string, zone: string, ...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'main/cli/index.ts'), '--db', db, '--tz', zone, ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

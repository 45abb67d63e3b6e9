/**
 * Whether the built-in simulator feeds the live screens. Until a real live source is configured
 * the desktop app simulates by default, so a fresh install shows a moving floor instead of zeros;
 * `--no-simulate` or FLOORWATCH_SIMULATE=0 turns it off, `--simulate` / =1 forces it on.
 */
export function simulateOption(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  if (argv.includes('--no-simulate')) return false;
  if (argv.includes('--simulate')) return true;
  const value = env.FLOORWATCH_SIMULATE?.trim().toLowerCase();
  if (value === '0' || value === 'false' || value === 'no' || value === 'off') return false;
  return true;
}

/**
 * Data directory override (tests, portable installs). Same variable the CLI and headless host read
 * in main/core/paths.ts, so all three agree on the database file.
 */
export function dataDirOverride(env: NodeJS.ProcessEnv): string | null {
  const dir = env.FLOORWATCH_DATA_DIR?.trim();
  return dir ? dir : null;
}

/**
 * The server reports issue paths relative to the patch ("thresholds.redDepth"); an issue on a
 * parent object ("thresholds") is shown on every field beneath it.
 */
export function fieldError(fieldErrors: Record<string, string>, path: string): string | null {
  if (fieldErrors[path]) return fieldErrors[path];
  const parts = path.split('.');
  for (let i = parts.length - 1; i > 0; i -= 1) {
    const parent = parts.slice(0, i).join('.');
    if (fieldErrors[parent]) return fieldErrors[parent];
  }
  return null;
}

/** Errors whose path matches no field on the form, so they are not lost. */
export function unplacedErrors(fieldErrors: Record<string, string>, knownPaths: readonly string[]): string[] {
  return Object.entries(fieldErrors)
    .filter(([path]) => !knownPaths.some((known) => known === path || known.startsWith(`${path}.`)))
    .map(([path, message]) => (path ? `${path}: ${message}` : message));
}

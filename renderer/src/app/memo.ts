import { memo, type FunctionComponent } from 'react';

/**
 * React.memo keyed on what a component shows rather than on object identity: every live snapshot
 * is a fresh object, so identity always differs, while most tiles and rows show the same figures
 * as a moment ago. `view` lists the values the output depends on (rounded as displayed).
 */
export function memoByView<P extends object>(component: FunctionComponent<P>, view: (props: P) => readonly unknown[]) {
  return memo(component, (prev, next) => {
    const a = view(prev);
    const b = view(next);
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
    return true;
  });
}

/** Whole seconds, as durations are displayed. */
export const shownSeconds = (ms: number) => Math.floor(ms / 1000);

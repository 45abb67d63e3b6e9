import type { SVGProps } from 'react';

/** Nav icon of the review screen: a calendar page with a magnifier (history you look into). */
export function ReviewIcon({ size = '1em', ...rest }: Omit<SVGProps<SVGSVGElement>, 'children'> & { size?: number | string }) {
  return (
    <svg viewBox="0 0 24 24" width={size} height={size} fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false" className="icon icon-review" {...rest}>
      <path d="M20 11V6a2 2 0 0 0-2-2H6a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h5" />
      <path d="M4 9h16M8 2v4M16 2v4" />
      <circle cx="17" cy="17" r="3" />
      <path d="m21 21-1.8-1.8" />
    </svg>
  );
}

import type { ReactElement, SVGProps } from 'react';

type IconProps = Omit<SVGProps<SVGSVGElement>, 'children'> & { size?: number | string };

/** Icons of the data screen, drawn like the shell's (app/icons.tsx): inline, decorative, beside a word. */
function icon(paths: ReactElement, name: string) {
  function Icon({ size = '1em', ...rest }: IconProps) {
    return (
      <svg viewBox="0 0 24 24" width={size} height={size} fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false" className={`icon icon-${name}`} {...rest}>
        {paths}
      </svg>
    );
  }
  return Icon;
}

export const UploadIcon = icon(
  <>
    <path d="M21 15v4a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-4" />
    <path d="m17 8-5-5-5 5M12 3v12" />
  </>,
  'upload',
);
export const FileIcon = icon(
  <>
    <path d="M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8z" />
    <path d="M14 2v6h6M8 13h8M8 17h5" />
  </>,
  'file',
);
export const FollowIcon = icon(
  <>
    <path d="M4 6h16M4 12h10M4 18h6" />
    <path d="m16 15 3 3 3-3M19 10v8" />
  </>,
  'follow',
);
export const PlugIcon = icon(
  <>
    <path d="M12 22v-5M9 8V2M15 8V2" />
    <path d="M18 8v4a6 6 0 0 1-12 0V8z" />
  </>,
  'plug',
);
export const PlusIcon = icon(<path d="M12 5v14M5 12h14" />, 'plus');
export const StopIcon = icon(
  <>
    <circle cx="12" cy="12" r="9.5" />
    <path d="M9 9h6v6H9z" />
  </>,
  'stop',
);
export const HistoryIcon = icon(
  <>
    <path d="M3 12a9 9 0 1 0 3-6.7L3 8" />
    <path d="M3 3v5h5M12 7v5l3 2" />
  </>,
  'history',
);

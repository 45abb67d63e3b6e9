import type { ReactElement, SVGProps } from 'react';
import type { AgentState, Channel } from '../../../shared/domain/channels';
import type { Level } from '../stores/live/selectors';

type IconProps = Omit<SVGProps<SVGSVGElement>, 'children'> & { size?: number | string };

/**
 * Icons are drawn inline (no icon font, nothing fetched) and always sit beside a word: colour
 * and shape never carry meaning alone. They are decorative to assistive technology.
 */
function icon(paths: ReactElement, name: string) {
  function Icon({ size = '1em', ...rest }: IconProps) {
    return (
      <svg
        viewBox="0 0 24 24"
        width={size}
        height={size}
        fill="none"
        stroke="currentColor"
        strokeWidth={2}
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden="true"
        focusable="false"
        className={`icon icon-${name}`}
        {...rest}
      >
        {paths}
      </svg>
    );
  }
  return Icon;
}

export const VoiceIcon = icon(
  <path d="M22 16.9v3a2 2 0 0 1-2.2 2 19.8 19.8 0 0 1-8.6-3.1 19.5 19.5 0 0 1-6-6A19.8 19.8 0 0 1 2.1 4.2 2 2 0 0 1 4.1 2h3a2 2 0 0 1 2 1.7c.1 1 .4 1.9.7 2.8a2 2 0 0 1-.5 2.1L8 9.9a16 16 0 0 0 6 6l1.3-1.3a2 2 0 0 1 2.1-.4c.9.3 1.8.6 2.8.7a2 2 0 0 1 1.7 2z" />,
  'voice',
);
export const ChatIcon = icon(
  <>
    <path d="M21 12a8 8 0 0 1-11.6 7.1L3 21l1.9-6.1A8 8 0 1 1 21 12z" />
    <path d="M8 12h.01M12 12h.01M16 12h.01" />
  </>,
  'chat',
);
export const EmailIcon = icon(
  <>
    <rect x="2.5" y="4.5" width="19" height="15" rx="2" />
    <path d="m3 6 9 7 9-7" />
  </>,
  'email',
);
export const SocialIcon = icon(
  <>
    <circle cx="18" cy="5" r="3" />
    <circle cx="6" cy="12" r="3" />
    <circle cx="18" cy="19" r="3" />
    <path d="m8.6 13.5 6.8 4M15.4 6.5l-6.8 4" />
  </>,
  'social',
);
export const SmsIcon = icon(
  <>
    <rect x="5" y="2" width="14" height="20" rx="2.5" />
    <path d="M9 7h6M9 11h6M9 15h3" />
  </>,
  'sms',
);

export type IconComponent = ReturnType<typeof icon>;

export const CHANNEL_ICONS: Record<Channel, IconComponent> = {
  voice: VoiceIcon,
  chat: ChatIcon,
  email: EmailIcon,
  social: SocialIcon,
  sms: SmsIcon,
};

export const OkIcon = icon(
  <>
    <circle cx="12" cy="12" r="9.5" />
    <path d="m7.5 12.5 3 3 6-6.5" />
  </>,
  'ok',
);
export const WarningIcon = icon(
  <>
    <path d="M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z" />
    <path d="M12 9v4M12 17h.01" />
  </>,
  'warning',
);
export const BreachIcon = icon(
  <>
    <path d="M7.9 2h8.2L22 7.9v8.2L16.1 22H7.9L2 16.1V7.9z" />
    <path d="m15 9-6 6M9 9l6 6" />
  </>,
  'breach',
);

export const LEVEL_ICONS: Record<Level, IconComponent> = { ok: OkIcon, warning: WarningIcon, breach: BreachIcon };

export const AvailableIcon = icon(
  <>
    <circle cx="12" cy="12" r="9.5" />
    <path d="m8 12.5 2.5 2.5L16 9.5" />
  </>,
  'available',
);
export const RingingIcon = icon(
  <>
    <path d="M18 8A6 6 0 0 0 6 8c0 7-3 9-3 9h18s-3-2-3-9" />
    <path d="M13.7 21a2 2 0 0 1-3.4 0" />
  </>,
  'ringing',
);
export const BusyIcon = icon(
  <>
    <path d="M3 14v-2a9 9 0 0 1 18 0v2" />
    <path d="M21 19a2 2 0 0 1-2 2h-1a2 2 0 0 1-2-2v-3a2 2 0 0 1 2-2h3zM3 19a2 2 0 0 0 2 2h1a2 2 0 0 0 2-2v-3a2 2 0 0 0-2-2H3z" />
  </>,
  'busy',
);
export const WrapupIcon = icon(
  <>
    <path d="M12 20h9" />
    <path d="M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4z" />
  </>,
  'wrapup',
);
export const PausedIcon = icon(
  <>
    <circle cx="12" cy="12" r="9.5" />
    <path d="M10 9v6M14 9v6" />
  </>,
  'paused',
);
export const OfflineIcon = icon(
  <>
    <circle cx="12" cy="12" r="9.5" />
    <path d="M8 12h8" />
  </>,
  'offline',
);

export const STATE_ICONS: Record<AgentState, IconComponent> = {
  available: AvailableIcon,
  ringing: RingingIcon,
  busy: BusyIcon,
  wrapup: WrapupIcon,
  paused: PausedIcon,
  offline: OfflineIcon,
};

export const RepeatIcon = icon(
  <>
    <path d="m17 2 4 4-4 4" />
    <path d="M3 11v-1a4 4 0 0 1 4-4h14M7 22l-4-4 4-4" />
    <path d="M21 13v1a4 4 0 0 1-4 4H3" />
  </>,
  'repeat',
);
export const ClockIcon = icon(
  <>
    <circle cx="12" cy="12" r="9.5" />
    <path d="M12 7v5l3 2" />
  </>,
  'clock',
);
export const LiveIcon = icon(<path d="M22 12h-4l-3 9L9 3l-3 9H2" />, 'live');
export const WallboardIcon = icon(
  <>
    <rect x="2" y="3" width="20" height="14" rx="2" />
    <path d="M8 21h8M12 17v4" />
  </>,
  'wallboard',
);
export const AnomalyIcon = icon(
  <>
    <circle cx="11" cy="11" r="7.5" />
    <path d="m21 21-4.3-4.3M11 8v3M11 14h.01" />
  </>,
  'anomaly',
);
export const CoachingIcon = icon(
  <>
    <path d="M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2" />
    <circle cx="9" cy="7" r="4" />
    <path d="M22 21v-2a4 4 0 0 0-3-3.9M16 3.1a4 4 0 0 1 0 7.8" />
  </>,
  'coaching',
);
export const DataIcon = icon(
  <>
    <ellipse cx="12" cy="5" rx="9" ry="3" />
    <path d="M21 12c0 1.7-4 3-9 3s-9-1.3-9-3" />
    <path d="M3 5v14c0 1.7 4 3 9 3s9-1.3 9-3V5" />
  </>,
  'data',
);
export const SettingsIcon = icon(
  <>
    <circle cx="12" cy="12" r="3" />
    <path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z" />
  </>,
  'settings',
);
export const FilterIcon = icon(<path d="M22 3H2l8 9.5V19l4 2v-8.5z" />, 'filter');
export const SignalOffIcon = icon(
  <>
    <path d="M2 2l20 20" />
    <path d="M8.5 16.4a5 5 0 0 1 7 0M5 12.9a10 10 0 0 1 5.2-2.8M19 12.9a10 10 0 0 0-2-1.4M1.4 9a16 16 0 0 1 4.7-2.9M22.6 9a16 16 0 0 0-11.3-4.9M12 20h.01" />
  </>,
  'signal-off',
);

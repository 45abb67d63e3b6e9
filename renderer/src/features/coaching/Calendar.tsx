import type { CoachingSession } from '../../../../shared/contract/coaching';
import { localDate } from '../../../../shared/domain/time';
import { useI18n } from '../../i18n/useI18n';
import { hourSpan, placeDay } from '../../stores/coaching/selectors';
import { clock, dayHead } from './format';
import { StatusChip } from './StatusChip';

const HOUR_PX = 64;

/** Week or day grid: one column per local day, sessions placed by their local start and length. */
export function Calendar({ days, sessions, onOpen, now }: { days: string[]; sessions: readonly CoachingSession[]; onOpen(id: number): void; now: number }) {
  const { t, locale, timezone, num } = useI18n();
  const [first, last] = hourSpan(sessions, timezone);
  const hours = Array.from({ length: last - first }, (_, i) => first + i);
  const today = localDate(timezone, now);
  return (
    <div className={`calendar calendar--${days.length === 1 ? 'day' : 'week'}`} role="grid" aria-label={t('coaching.calendar')} data-testid="coaching-calendar">
      <div className="calendar__head" role="row">
        <div className="calendar__corner" aria-hidden="true" />
        {days.map((d) => (
          <div key={d} role="columnheader" className={`calendar__day-head ${d === today ? 'calendar__day-head--today' : ''}`} aria-current={d === today ? 'date' : undefined}>
            {dayHead(locale, timezone, d)}
          </div>
        ))}
      </div>
      <div className="calendar__body" role="row" style={{ blockSize: hours.length * HOUR_PX }}>
        <div className="calendar__hours" aria-hidden="true">
          {hours.map((h) => (
            <div key={h} className="calendar__hour" style={{ blockSize: HOUR_PX }}>
              {num(h, { minimumIntegerDigits: 2, useGrouping: false })}:{num(0, { minimumIntegerDigits: 2 })}
            </div>
          ))}
        </div>
        {days.map((d) => (
          <div key={d} role="gridcell" className={`calendar__col ${d === today ? 'calendar__col--today' : ''}`} data-date={d}>
            {hours.map((h) => (
              <div key={h} className="calendar__slot" style={{ blockSize: HOUR_PX }} />
            ))}
            {placeDay(sessions, timezone, d, first, last).map((p) => (
              <button
                key={p.session.id}
                type="button"
                className={`calendar__event calendar__event--${p.session.status} ${p.height < 45 ? 'calendar__event--short' : ''}`}
                data-testid="calendar-event"
                data-session={p.session.id}
                style={{
                  insetBlockStart: (p.top / 60) * HOUR_PX,
                  blockSize: (p.height / 60) * HOUR_PX - 2,
                  insetInlineStart: `calc(${(p.lane / p.lanes) * 100}% + 3px)`,
                  inlineSize: `calc(${100 / p.lanes}% - 6px)`,
                }}
                onClick={() => onOpen(p.session.id)}
                aria-label={`${clock(locale, timezone, p.session.startAt)}–${clock(locale, timezone, p.session.endAt)} ${p.session.agentName}, ${p.session.topic}, ${t(`coaching.status.${p.session.status}`)}`}
              >
                <span className="calendar__event-time">
                  {clock(locale, timezone, p.session.startAt)}–{clock(locale, timezone, p.session.endAt)}
                  {p.session.status !== 'scheduled' ? <StatusChip status={p.session.status} compact /> : null}
                </span>
                <span className="calendar__event-who">
                  <bdi>{p.session.agentName}</bdi>
                </span>
                {p.height >= 45 ? (
                  <span className="calendar__event-topic" dir="auto">
                    {p.session.topic}
                  </span>
                ) : null}
              </button>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}

import { useCallback } from 'react';
import type { ContactDetail, ContactListRow, ContactSort } from '../../../../shared/contract/review';
import { useI18n } from '../../i18n/useI18n';
import type { MessageKey } from '../../i18n/translate';
import { instantText } from './format';
import { VirtualTable, type Column } from './VirtualTable';

const OUTCOME_KEYS: Record<string, MessageKey> = {
  answered: 'review.outcome.answered',
  abandoned: 'review.outcome.abandoned',
  timeout: 'review.outcome.timeout',
  'exit-empty': 'review.outcome.exitEmpty',
  'exit-key': 'review.outcome.exitKey',
  transferred: 'review.outcome.transferred',
  closed: 'review.outcome.closed',
  waiting: 'review.outcome.waiting',
};

export function useOutcome() {
  const { t } = useI18n();
  return (o: string | null) => (o === null ? '–' : OUTCOME_KEYS[o] ? t(OUTCOME_KEYS[o]) : o);
}

export function ContactsExplorer({
  rows,
  more,
  loading,
  sort,
  selected,
  onSort,
  onMore,
  onOpen,
}: {
  rows: ContactListRow[];
  more: boolean;
  loading: boolean;
  sort: ContactSort;
  selected: number | null;
  onSort(sort: ContactSort): void;
  onMore(): void;
  onOpen(id: number): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const outcome = useOutcome();
  const columns: Column<ContactListRow>[] = [
    {
      key: 'enterAt',
      label: t('review.contacts.entered'),
      width: '180px',
      render: (r) => instantText(i18n, r.enterAt),
      sort: { active: sort === 'enter-asc' ? 'ascending' : sort === 'enter-desc' ? 'descending' : null, onSort: () => onSort(sort === 'enter-desc' ? 'enter-asc' : 'enter-desc') },
    },
    { key: 'channel', label: t('review.filter.channel'), width: '90px', render: (r) => t(`channel.${r.channel}` as MessageKey) },
    { key: 'queue', label: t('review.filter.queue'), width: 'minmax(90px, 1fr)', render: (r) => <bdi>{r.queue}</bdi> },
    { key: 'caller', label: t('review.contacts.caller'), width: 'minmax(110px, 1fr)', render: (r) => <bdi dir="ltr">{r.caller ?? '–'}</bdi> },
    { key: 'segment', label: t('review.filter.segment'), width: '110px', render: (r) => (r.segment ? <bdi>{r.segment}</bdi> : '–') },
    { key: 'agent', label: t('review.filter.agent'), width: 'minmax(110px, 1fr)', render: (r) => (r.agent ? <bdi>{r.agent}</bdi> : '–') },
    { key: 'outcome', label: t('review.contacts.outcome'), width: '110px', render: (r) => outcome(r.outcome) },
    {
      key: 'wait',
      label: t('review.contacts.wait'),
      width: '90px',
      numeric: true,
      render: (r) => (r.waitSec === null ? '–' : i18n.duration(r.waitSec * 1000)),
      sort: { active: sort === 'wait-desc' ? 'descending' : null, onSort: () => onSort('wait-desc') },
    },
    { key: 'talk', label: t('review.contacts.talk'), width: '80px', numeric: true, render: (r) => (r.talkSec === null ? '–' : i18n.duration(r.talkSec * 1000)) },
  ];
  const onEnd = useCallback(() => {
    if (more && !loading) onMore();
  }, [more, loading, onMore]);
  return (
    <VirtualTable
      columns={columns}
      rows={rows}
      rowKey={(r) => r.id}
      height={440}
      label={t('review.contacts.title')}
      selectedKey={selected}
      onOpen={(r) => onOpen(r.id)}
      onEndReached={onEnd}
      empty={loading ? t('review.loading') : t('review.contacts.empty')}
    />
  );
}

/** The contact's life: entry, every ring (and who let it ring out), answer, transfer, end. */
export function Timeline({ detail, onClose }: { detail: ContactDetail; onClose(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const outcome = useOutcome();
  const c = detail.contact;
  const text = (e: ContactDetail['timeline'][number]) => {
    const agent = e.agent ?? '–';
    const secs = e.ms === null ? '' : i18n.duration(e.ms);
    switch (e.kind) {
      case 'enter':
        return t('review.timeline.enter', { queue: e.result ?? c.queue });
      case 'ring':
        return e.result === 'no-answer'
          ? t('review.timeline.ringOut', { agent, time: secs || '–' })
          : e.result === 'connected'
            ? t('review.timeline.ringConnected', { agent })
            : t('review.timeline.ringCanceled', { agent });
      case 'answer':
        return t('review.timeline.answer', { agent, time: secs || '–' });
      case 'transfer':
        return t('review.timeline.transfer', { agent, n: e.result ?? '1' });
      case 'end':
        return t('review.timeline.end', { outcome: outcome(e.result), time: secs || '–' });
    }
  };
  return (
    <aside className="panel review-timeline" aria-labelledby="review-timeline-title" data-testid="contact-timeline">
      <header className="panel__head">
        <h2 className="panel__title" id="review-timeline-title">
          {t('review.timeline.title', { id: c.id })}
        </h2>
        <button type="button" className="button button--ghost button--small" onClick={onClose}>
          {t('review.action.close')}
        </button>
      </header>
      <dl className="review-timeline__facts">
        <dt>{t('review.contacts.caller')}</dt>
        <dd>
          <bdi dir="ltr">{c.caller ?? '–'}</bdi>
        </dd>
        <dt>{t('review.filter.segment')}</dt>
        <dd>{c.segment || '–'}</dd>
        <dt>{t('review.timeline.source')}</dt>
        <dd>
          <bdi>
            {c.source} · {c.sourceId}
          </bdi>
        </dd>
      </dl>
      <ol className="review-timeline__list">
        {detail.timeline.map((e, i) => (
          <li key={i} className={`review-timeline__item review-timeline__item--${e.kind} ${e.kind === 'ring' && e.result === 'no-answer' ? 'is-missed' : ''}`}>
            <time dateTime={new Date(e.at).toISOString()}>{i18n.time(e.at, true)}</time>
            <span>{text(e)}</span>
          </li>
        ))}
      </ol>
    </aside>
  );
}

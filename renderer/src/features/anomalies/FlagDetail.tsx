import { useState } from 'react';
import type { Anomaly, AnomalyContact, AnomalyFinding } from '../../../../shared/contract';
import type { MessageKey } from '../../i18n/catalog';
import { useI18n } from '../../i18n/useI18n';
import { coachingHref } from '../../stores/anomalies/selectors';
import { explainFlag, formatExpected, formatQ, shortDateTime } from './explain';

const OUTCOME_KEYS: Record<string, MessageKey> = {
  answered: 'anom.outcome.answered',
  abandoned: 'anom.outcome.abandoned',
  timeout: 'anom.outcome.timeout',
  'exit-empty': 'anom.outcome.exit-empty',
  'exit-key': 'anom.outcome.exit-key',
  transferred: 'anom.outcome.transferred',
  closed: 'anom.outcome.closed',
  open: 'anom.outcome.open',
};

interface Props {
  flag: AnomalyFinding;
  contacts: readonly AnomalyContact[];
  canWrite: boolean;
  onStatus: (status: Anomaly['status'], reason?: string) => Promise<boolean>;
  /** Opens the coaching form for a flag not on record yet (it is recorded first). */
  onCoaching: () => void;
}

/** One flag's evidence: the sentence, the statistics, the contacts behind it, and what to do. */
export function FlagDetail({ flag, contacts, canWrite, onStatus, onCoaching }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState('');
  const fmt = (v: number, digits = 1) => i18n.num(v, { maximumFractionDigits: digits });
  const p = (v: number) => (v < 0.0001 ? `< ${i18n.num(0.0001, { maximumSignificantDigits: 1 })}` : i18n.num(v, { maximumSignificantDigits: 2 }));
  return (
    <article className="anom-detail" data-testid="anomaly-detail" aria-labelledby="anom-detail-title">
      <h3 className="visually-hidden" id="anom-detail-title">
        {t('anom.detail.title')}
      </h3>
      <p className="anom-detail__sentence" data-testid="anomaly-explanation">
        {explainFlag(i18n, flag)}
      </p>
      {!flag.found && (
        <p className="anom-detail__reason" data-testid="anomaly-not-found-note">
          {t('anom.detail.notFound')}
        </p>
      )}
      {flag.status === 'dismissed' && flag.statusReason && <p className="anom-detail__reason">{t('anom.action.reasonShown', { reason: flag.statusReason })}</p>}
      <dl className="anom-stats">
        <div>
          <dt>{t('anom.stat.observed')}</dt>
          <dd>{i18n.num(flag.observed)}</dd>
        </div>
        <div>
          <dt>{t('anom.stat.expected')}</dt>
          <dd>{formatExpected(i18n, flag.expected)}</dd>
        </div>
        <div>
          <dt>{t(flag.kind === 'avoidance' ? 'anom.stat.attempts' : 'anom.stat.total')}</dt>
          <dd>{i18n.num(flag.total)}</dd>
        </div>
        <div>
          <dt>{t('anom.stat.p')}</dt>
          <dd>{p(flag.pValue)}</dd>
        </div>
        <div>
          <dt>{t('anom.stat.q')}</dt>
          <dd>{formatQ(i18n, flag.qValue)}</dd>
        </div>
        <div>
          <dt>{t('anom.stat.dispersion')}</dt>
          <dd>×{fmt(flag.detail.dispersion, 2)}</dd>
        </div>
      </dl>
      {canWrite && (
        <div className="anom-actions">
          {flag.status !== 'acknowledged' && (
            <button type="button" className="button" data-testid="anomaly-acknowledge" onClick={() => void onStatus('acknowledged')}>
              {t('anom.action.acknowledge')}
            </button>
          )}
          {!dismissing && flag.status !== 'dismissed' && (
            <button type="button" className="button" data-testid="anomaly-dismiss" onClick={() => setDismissing(true)}>
              {t('anom.action.dismiss')}
            </button>
          )}
          {flag.agentId !== null && (
            <a
              className="button button--primary"
              href={coachingHref(flag)}
              data-testid="anomaly-coaching"
              onClick={(e) => {
                if (flag.id !== null) return;
                e.preventDefault();
                onCoaching();
              }}
            >
              {t('anom.action.coaching')}
            </a>
          )}
        </div>
      )}
      {dismissing && (
        <form
          className="anom-dismiss"
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim() === '') return;
            void onStatus('dismissed', reason.trim()).then((ok) => ok && setDismissing(false));
          }}
        >
          <label htmlFor="anom-dismiss-reason">{t('anom.action.dismissReason')}</label>
          <input id="anom-dismiss-reason" value={reason} required maxLength={500} onChange={(e) => setReason(e.target.value)} autoFocus />
          <button type="submit" className="button button--primary" disabled={reason.trim() === ''}>
            {t('anom.action.confirmDismiss')}
          </button>
          <button type="button" className="button" onClick={() => setDismissing(false)}>
            {t('anom.action.cancel')}
          </button>
        </form>
      )}
      <h4 className="anom-detail__sub">{t('anom.contacts.title')}</h4>
      {contacts.length === 0 ? (
        <p className="panel__empty">{t('anom.contacts.empty')}</p>
      ) : (
        <div className="anom-contacts-wrap">
          <table className="anom-contacts" data-testid="anomaly-contacts">
            <thead>
              <tr>
                <th scope="col">{t('anom.contacts.time')}</th>
                <th scope="col">{t('anom.contacts.caller')}</th>
                <th scope="col">{t('anom.contacts.queue')}</th>
                <th scope="col">{t('anom.contacts.agent')}</th>
                <th scope="col">{t('anom.contacts.outcome')}</th>
                <th scope="col">{t('anom.contacts.wait')}</th>
                <th scope="col">{t('anom.contacts.concerned')}</th>
              </tr>
            </thead>
            <tbody>
              {contacts.map((c) => (
                <tr key={c.id} className={c.concerned ? 'is-concerned' : ''}>
                  <td>{shortDateTime(i18n, c.enterAt)}</td>
                  <td>{c.customerName ?? c.caller ?? '–'}</td>
                  <td>{c.queue}</td>
                  <td>{c.agent ?? '–'}</td>
                  <td>{t(OUTCOME_KEYS[c.outcome ?? 'open'] ?? 'anom.outcome.open')}</td>
                  <td>{c.waitSec === null ? '–' : i18n.span(c.waitSec)}</td>
                  <td>{c.concerned ? `● ${t('anom.contacts.yes')}` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}

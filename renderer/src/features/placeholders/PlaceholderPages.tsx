import { EmptyState } from '../../app/EmptyState';
import { AnomalyIcon, CoachingIcon, DataIcon } from '../../app/icons';
import { useI18n } from '../../i18n/useI18n';

export function AnomaliesPage() {
  const { t } = useI18n();
  return <EmptyState id="anomalies-title" icon={AnomalyIcon} title={t('empty.anomalies.title')} body={t('empty.anomalies.body')} />;
}

export function CoachingPage() {
  const { t } = useI18n();
  return <EmptyState id="coaching-title" icon={CoachingIcon} title={t('empty.coaching.title')} body={t('empty.coaching.body')} />;
}

export function DataPage() {
  const { t } = useI18n();
  return <EmptyState id="data-title" icon={DataIcon} title={t('empty.data.title')} body={t('empty.data.body')} />;
}

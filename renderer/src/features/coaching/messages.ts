import { featureMessages } from '../../i18n/catalog';
import { en } from './messages.en';
import { et } from './messages.et';
import { fa } from './messages.fa';
import { zh } from './messages.zh';

/** Coaching and staffing texts, one file per locale. English is the reference; every locale has the same keys. */
export const coachingMessages = featureMessages({ en, fa, zh, et });

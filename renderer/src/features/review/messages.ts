import { featureMessages } from '../../i18n/catalog';
import { en } from './messages.en';
import { et } from './messages.et';
import { fa } from './messages.fa';
import { zh } from './messages.zh';

/** Texts of the review screen (#/review): range and filters, KPIs, compare, contacts, exports, data file. */
export const reviewMessages = featureMessages({ en, fa, zh, et });

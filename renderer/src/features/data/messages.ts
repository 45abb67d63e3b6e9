import { featureMessages } from '../../i18n/catalog';
import { en } from './messages.en';
import { et } from './messages.et';
import { fa } from './messages.fa';
import { zh } from './messages.zh';

/** Texts of the data screen (#/data): sources, imports, mappings, history. */
export const dataMessages = featureMessages({ en, fa, zh, et });

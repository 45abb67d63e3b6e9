export { FeedLine, FEED_TYPES, KNOWN_FIELDS, type FeedLineInput, type FeedType } from './schema';
export { createFeedTranslator, type FeedResult, type FeedTranslation, type FeedTranslator, type FeedTranslatorOptions } from './translate';
export { createNdjsonParser, parseNdjsonFile, type FeedFileResult, type FeedParseResult, type FeedReject, type FeedStats, type NdjsonParser, type NdjsonParserOptions } from './parser';

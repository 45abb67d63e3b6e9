import { createExportParser, type ExportParserOptions, type ExportResult } from './parser';
import { readTextChunks, type ChunkReadOptions } from './read-chunks';

export { createCsvReader, guessDelimiter, type CsvReader, type CsvReaderOptions, type CsvRecord } from './csv-reader';
export { createJsonRecordReader, type JsonRecord, type JsonRecordReader } from './json-reader';
export { Mapping, parseMapping, parseMappingJson, formatIssues, type MappingCheck, type OutcomeRule, type ValueSpec, type InstantSpec, type DurationSpec } from './mapping';
export { createExportParser, type ExportParser, type ExportParserOptions, type ExportResult, type ExportStats, type RejectedRecord } from './parser';
export { presetMapping, isPresetName, PRESET_NAMES, type PresetName, type PresetOptions } from './presets';
export { suggestMapping, type MappingSuggestion } from './suggest';
export { preview, previewFile, previewSource, readHead, detectFormat, type MappingPreview, type PreviewRow, type SourcePreview, type SourceFormat, type PreviewOptions } from './preview';
export { readTextChunks, type ChunkReadOptions } from './read-chunks';
export { createTranslator, type RecordResult, type SourceRow, type Translator } from './translate';

/** Parses an exported file through the chunked reader; never holds the whole file. */
export async function parseExportFile(path: string, options: ExportParserOptions, read: ChunkReadOptions = {}): Promise<ExportResult> {
  const parser = createExportParser(options);
  for await (const chunk of readTextChunks(path, read)) {
    parser.push(chunk);
    // A header that misses required columns makes the rest of the file pointless to read.
    if (parser.snapshot().fatal !== null) break;
  }
  return parser.end();
}

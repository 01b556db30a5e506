import type { Compressor, ContentKind } from '../types.js';
import { compressJson } from './json/index.js';
import { compressLog } from './log/index.js';
import { compressSearch } from './search/index.js';
import { compressDiff } from './diff/index.js';
import { compressHtml } from './html/index.js';
import { compressTable } from './table/index.js';
import { compressText } from './text/index.js';
import { compressCode } from './code/index.js';

export const COMPRESSORS: Record<ContentKind, Compressor> = {
  json: compressJson,
  log: compressLog,
  search: compressSearch,
  diff: compressDiff,
  html: compressHtml,
  table: compressTable,
  text: compressText,
  code: compressCode,
};

/** Tuning constants of the JSON compressor, in one place so the trade-offs are visible together. */

/** Nesting deeper than this is a bomb or not data a model reads; the compressor steps back. */
export const MAX_DEPTH = 200;
/** Lossless output longer than this (≈ 2,000 tokens) goes through the lossy row selection. */
export const LOSSY_THRESHOLD_CHARS = 8000;
/** The output must be at least this much shorter than the input, or the compressor passes. */
export const MIN_GAIN = 0.1;

/** Objects/arrays whose compact JSON is at most this long stay on one line. */
export const INLINE_MAX = 120;
/** A table cell whose compact JSON is longer than this is rendered below its row instead of inline. */
export const BIG_CELL = 160;
/** Arrays of objects with at least this many rows become tables; maps of objects need MIN_MAP_ROWS entries. */
export const MIN_TABLE_ROWS = 2;
export const MIN_MAP_ROWS = 3;
/** Constants and derived columns are only claimed when this many rows agree. */
export const MIN_FACTOR_ROWS = 3;
/** Share of filled cells a set of objects needs to be shown as a table (else one JSON line per item). */
export const MIN_TABLE_DENSITY = 0.4;
/** Tables never get wider than this many columns (flattening stops there). */
export const MAX_COLUMNS = 200;
/** Nested objects are flattened into dotted columns at most this deep. */
export const MAX_FLATTEN_DEPTH = 4;
/** Sub-objects shorter than this (compact JSON) are cheaper inline than as a reference. */
export const MIN_REF_CHARS = 24;
/** A list of pooled sub-objects becomes its own table from this many entries. */
export const MIN_REF_TABLE = 3;

/** Row selection only touches arrays/maps with at least this many rows and this much rendered text. */
export const MIN_SELECT_ROWS = 10;
export const MIN_SELECT_CHARS = 1500;
/** Always kept: the first and last rows of a selected array. */
export const KEEP_FIRST = 3;
export const KEEP_LAST = 2;
/** Evenly spaced filler rows bring the kept set up to this share of the rows (capped), for a feel of the rest. */
export const FILL_FRACTION = 0.1;
export const FILL_CAP = 30;
/** Per numeric column, at most this many outliers / change points (the most extreme first). */
export const MAX_OUTLIERS = 3;
export const OUTLIER_SHARE = 0.02;
/** Above this many error rows in one array, rows repeating an already-kept error signature are dropped. */
export const MAX_ERROR_ROWS = 200;
/** Rows kept because they answer the query: those scoring this share of the best row or more (relevance.ts)… */
export const RELEVANT_SHARE = 0.1;
/** …above the steepest drop in their scores, when it is a drop to half or less, after at least BREAK_MIN rows… */
export const BREAK_RATIO = 2;
export const BREAK_MIN = 3;
/** …at most a quarter of the rows, but never fewer than MIN_QUERY_ROWS nor more than MAX_QUERY_ROWS. */
export const MIN_QUERY_ROWS = 10;
export const MAX_QUERY_ROWS = 200;
/** Strings up to this length are checked for error words (the pipeline's guard checks the same ones). */
export const MAX_ERROR_STRING = 400;

/** Public library surface of Headroom's core. */
export { compress, DEFAULT_MIN_CHARS, COMPRESSION_VERSION } from './compress.js';
export { compressMessages, memoKey } from './messages/compress-messages.js';
export { detect } from './router/detect.js';
export { formatMarker, markerIds, MARKER_ID_RE } from './ccr/marker.js';
export { countTokens } from './util/tokens.js';
export type * from './types.js';
export type * from './messages/types.js';
export type * from './ccr/store-types.js';

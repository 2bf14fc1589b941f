// Pure: the compacted plan — a step's history and the run's lessons as bounded, deterministic text.

export { compactHistory, CLOSING_LINE, DEFAULT_MAX_CHARS, type CompactInput } from './compact-history.js';
export { errorSignature } from './signature.js';
export { extractErrorLines, type Extracted, type ExtractOptions } from './extract-lines.js';
export { findLessons, type LessonEntry, type Relevance } from './lessons.js';

/** The search page's query layer, bundled into `layouts/assets/search.js` at build time. */
export { searchQuery, type Engine, type EngineResponse, type EngineResult, type FilterCounts, type Filters, type QueryOptions, type QueryOutcome, type RankedResult } from './searchQuery.js';
export { synonymTable, type SynonymTable } from './concepts.js';
export { vocabularyKey } from './words.js';

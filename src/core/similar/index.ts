/** Similar past incidents: features, the in-memory index, explained scores, repeat rates. */
export { type IncidentFeatures, type IncidentForSimilarity, incidentFeatures } from './incident-features.js';
export { SimilarityIndex, type SimilarQuery } from './similarity-index.js';
export { SCORE_WEIGHTS, type SimilarMatch } from './score.js';
export { decodeFeatures, encodeFeatures } from './feature-codec.js';

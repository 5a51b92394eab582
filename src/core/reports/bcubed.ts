/** B-cubed precision and recall of a clustering against the truth, with their harmonic mean. */
export interface BCubedScores {
  precision: number;
  recall: number;
  f1: number;
}

function groupSizes<T>(items: readonly T[], groupOf: (item: T) => string): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const item of items) sizes.set(groupOf(item), (sizes.get(groupOf(item)) ?? 0) + 1);
  return sizes;
}

/**
 * B-cubed (Bagga and Baldwin, 1998): for each item, the share of its predicted cluster that
 * truly belongs with it (precision) and the share of its true class found in its cluster
 * (recall), averaged over the items. An item missing from `predicted` is a cluster of its own.
 */
export function bcubed<T>(truth: ReadonlyMap<T, string>, predicted: ReadonlyMap<T, string>): BCubedScores {
  const items = [...truth.keys()];
  if (items.length === 0) return { precision: 1, recall: 1, f1: 1 };
  const predictedOf = (item: T) => predicted.get(item) ?? `\u0000alone:${items.indexOf(item)}`;
  const truthOf = (item: T) => truth.get(item) ?? '';
  const both = groupSizes(items, (item) => `${predictedOf(item)}\u0000${truthOf(item)}`);
  const predictedSizes = groupSizes(items, predictedOf);
  const truthSizes = groupSizes(items, truthOf);
  let precision = 0;
  let recall = 0;
  for (const item of items) {
    const together = both.get(`${predictedOf(item)}\u0000${truthOf(item)}`) ?? 0;
    precision += together / (predictedSizes.get(predictedOf(item)) ?? 1);
    recall += together / (truthSizes.get(truthOf(item)) ?? 1);
  }
  precision /= items.length;
  recall /= items.length;
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall) };
}

/**
 * The folder holding the build of the sources under `root` as they are now, building it first
 * if needed. Rejects when the sources do not compile (or the folder cannot be written).
 * `keepOldBuilds` (default 2) older builds stay for processes that started from them.
 */
export function compileSources(root?: string, options?: { keepOldBuilds?: number }): Promise<string>;

/** The checkout `beacon` runs from. */
export const REPO_ROOT: string;

/**
 * The folder holding the build of the sources under `root` as they are now, building it first
 * if needed. Rejects when the sources do not compile (or the folder cannot be written).
 */
export function compileSources(root?: string): Promise<string>;

/** The checkout or installed package `beacon` runs from. */
export const REPO_ROOT: string;

/** The source folders compiled, relative to `src/`. */
export const SOURCE_DIRS: string[];

/** The file naming the newest build (what an installed package runs). */
export const CURRENT_FILE: string;

/** The production sources under `root` (relative to `src/`) with sizes and modification times. */
export function sourceFiles(root: string): { file: string; size: number; mtimeMs: number }[];

/** The build key of `files` (from `sourceFiles`). */
export function keyOf(files: { file: string; size: number; mtimeMs: number }[]): string;

/** Whether `root` is a checkout (it has the CLI's sources) rather than an installed package. */
export function isCheckout(root: string): boolean;

/** The folder of the build to run from `root` (the checkout's current sources, or the package's). */
export function findBuild(root?: string): string | undefined;

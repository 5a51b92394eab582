/** The HTTP port Beacon listens on when PORT is not set (and the CLI's default target). */
export const DEFAULT_PORT = 8080;

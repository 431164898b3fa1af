// Types for build-inputs.mjs (plain JavaScript so `npm start` needs no TypeScript loader).
export function buildInputsHash(root: string, env: Record<string, string | undefined>): string;
export function isBuildCurrent(distDir: string, hash: string): boolean;
export function recordBuild(distDir: string, hash: string): void;

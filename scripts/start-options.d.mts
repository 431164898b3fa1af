// Types for start-options.mjs (plain JavaScript so `npm start` needs no TypeScript loader).
export type Environment = Record<string, string | undefined>;
export type StartEnvironment = Environment & { DATA_DIR: string; PORT: string; APP_URL: string };
export function startEnvironment(processEnv: Environment): StartEnvironment;
export function prepareDataDir(env: StartEnvironment): void;
export function nextStartArgs(env: StartEnvironment): string[];

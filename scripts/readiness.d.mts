// Types for readiness.mjs (plain JavaScript so `npm start` needs no TypeScript loader).
export function classifyServerLine(line: string): "engine_running" | "next_ready" | null;
export function awaitsEngineLine(env: Record<string, string | undefined>): boolean;
export function probeUrl(env: Record<string, string | undefined> & { PORT: string }): string;
export type ReadinessLogin = { email: string; password: string; page: string };
export function readinessLogin(env: Record<string, string | undefined>): ReadinessLogin | null;
export function waitUntilServing(
  baseUrl: string,
  options: {
    isStopped: () => boolean;
    every?: number;
    login?: ReadinessLogin | null;
    onLoginRefused?: () => void;
  },
): Promise<boolean>;

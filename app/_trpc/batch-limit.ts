/**
 * The most procedure calls one tRPC request may carry. The server refuses a longer batch with 400
 * before running any of it (app/api/trpc/[trpc]/route.ts); the web client splits its batches at
 * this size (httpBatchLink `maxItems`), so the app itself never sends one.
 */
export const MAX_TRPC_BATCH_SIZE = 25;

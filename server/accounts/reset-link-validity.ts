/**
 * How long an emailed reset link works: long enough to open the mail, short enough to go stale.
 * Its own module (no server imports) because the "Check your email" answer says it too.
 */
export const EMAILED_RESET_MINUTES = 60;

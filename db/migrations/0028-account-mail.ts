import { type MigrationDb, platformPolicy, runStatements } from "../sql-helpers";

/**
 * Mail about a person's own account, sent to them by email instead of through an admin:
 * - `password_reset_attempts.email`: "Forgot password?" is now limited per email as well as per
 *   address (a stranger cannot fill someone's inbox with reset links). Older rows have none.
 * - `account_mail_outbox`: with no mail provider configured, account emails (reset links, sign-up
 *   verification) are kept here for the local outbox page, shown only while the app listens on
 *   loopback (whoever can reach it owns the install). A platform table: the mail belongs to an
 *   address, and for a sign-up to no tenant yet.
 * - `pending_sign_ups`: a sign-up waiting for its email to be verified; the organization and its
 *   admin are created when the link is followed. Like reset links, the row keeps only the SHA-256
 *   of the link's token, minted when the email is sent (null until then).
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    `alter table password_reset_attempts add column email text`,
    // rate limit: recent requests for one email
    `create index password_reset_attempts_email_idx on password_reset_attempts (email, created_at desc)
       where email is not null`,

    `create table account_mail_outbox (
       id uuid primary key default gen_random_uuid(),
       to_address text not null,
       type text not null,
       subject text not null,
       html text not null,
       text text not null,
       created_at timestamptz not null default now()
     )`,
    // the outbox page shows an address's latest email
    `create index account_mail_outbox_to_idx on account_mail_outbox (to_address, created_at desc)`,

    `create table pending_sign_ups (
       id uuid primary key default gen_random_uuid(),
       email text not null,
       organization text not null,
       name text not null,
       password_hash text not null,
       currency text not null,
       token_hash text,
       expires_at timestamptz not null,
       completed_at timestamptz,
       created_at timestamptz not null default now()
     )`,
    // the verification page finds a sign-up by the hash of its link's token
    `create unique index pending_sign_ups_token_hash_key on pending_sign_ups (token_hash)
       where token_hash is not null`,
    // a new sign-up for an email closes the earlier open ones
    `create index pending_sign_ups_email_idx on pending_sign_ups (email, created_at desc)`,

    `alter table account_mail_outbox enable row level security`,
    `alter table account_mail_outbox force row level security`,
    ...platformPolicy("account_mail_outbox"),
    `alter table pending_sign_ups enable row level security`,
    `alter table pending_sign_ups force row level security`,
    ...platformPolicy("pending_sign_ups"),
  ]);
}

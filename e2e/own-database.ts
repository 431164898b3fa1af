import pg from "pg";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function asAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database beside the one `adminUrl` names; returns its URL (the app migrates it). */
export async function createOwnDatabase(adminUrl: string, name: string): Promise<string> {
  await asAdmin(adminUrl, async (client) => {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Drops the database once its clients have gone. A pool's end() resolves before its sockets
 * close, and a forced drop that beats them makes the closing client emit an unhandled error.
 */
export async function dropOwnDatabase(adminUrl: string, name: string): Promise<void> {
  await asAdmin(adminUrl, async (client) => {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const { rows } = await client.query<{ count: number }>(
        "select count(*)::int as count from pg_stat_activity where datname = $1",
        [name],
      );
      if ((rows[0]?.count ?? 0) === 0 || Date.now() > deadline) break;
      await pause(50);
    }
    await client.query(`drop database if exists ${name} with (force)`);
  });
}

import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../db/index";
import { migrateToLatest } from "../../db/migrate";

/**
 * With DATABASE_URL set, the suite runs against real PostgreSQL: a template database is created
 * and migrated once; the shared test database and every isolated one (for tests that consume
 * global queues, such as the relay and the engine) are cloned from it. Without DATABASE_URL, each
 * test file opens its own in-memory PGlite.
 */
export default async function setup(project: TestProject) {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    project.provide("testDatabaseUrl", "");
    project.provide("testTemplateDatabase", "");
    return;
  }
  // Each project of vitest.config.ts runs this setup: the project's name keeps their databases apart.
  const prefix = `assetronics_test_${process.pid}_${project.name.replace(/\W/g, "_").toLowerCase()}`;
  const template = `${prefix}_tpl`;
  const shared = `${prefix}_shared`;
  const withAdmin = async (fn: (client: pg.Client) => Promise<void>) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await fn(client);
    } finally {
      await client.end();
    }
  };
  const urlFor = (name: string) => {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return url.toString();
  };

  await withAdmin(async (client) => {
    await client.query(`drop database if exists ${shared} with (force)`);
    await client.query(`drop database if exists ${template} with (force)`);
    await client.query(`create database ${template}`);
  });
  const handle = await openDatabase({ databaseUrl: urlFor(template), dataDir: "" });
  await migrateToLatest(handle.db);
  await handle.close();
  await withAdmin((client) => client.query(`create database ${shared} template ${template}`).then(() => {}));

  project.provide("testDatabaseUrl", urlFor(shared));
  project.provide("testTemplateDatabase", template);

  return () =>
    withAdmin(async (client) => {
      const { rows } = await client.query<{ datname: string }>(
        "select datname from pg_database where datname like $1",
        [`${prefix}%`],
      );
      for (const row of rows) await client.query(`drop database if exists ${row.datname} with (force)`);
    });
}

declare module "vitest" {
  export interface ProvidedContext {
    testDatabaseUrl: string;
    testTemplateDatabase: string;
  }
}

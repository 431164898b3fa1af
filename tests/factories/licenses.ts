import { randomUUID } from "node:crypto";
import type { Db } from "@/server/db";
import type { CreateLicenseInput } from "@/server/licenses/schemas";
import { assignLicense } from "@/server/licenses/services/assign-license";
import { createLicense } from "@/server/licenses/services/create-license";
import { asUser, type TestUser } from "./tenants";

/** A licence created through the service as `user` (a unique name unless given). */
export function createTestLicense(db: Db, user: TestUser, fields: Partial<CreateLicenseInput> = {}) {
  return asUser(db, user, (scope) =>
    createLicense(scope, { name: `Licence ${randomUUID().slice(0, 6)}`, ...fields }),
  );
}

/** Gives `employeeId` a seat of the licence through the service. */
export function assignTestLicense(db: Db, user: TestUser, licenseId: string, employeeId: string) {
  return asUser(db, user, (scope) => assignLicense(scope, { licenseId, employeeId }));
}

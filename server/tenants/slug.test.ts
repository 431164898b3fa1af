import { expect, it } from "vitest";
import { slugify } from "./slug";

it.each([
  ["Acme Corp", "acme-corp"],
  ["  Globex, Inc. ", "globex-inc"],
  ["Zoë's Café", "zoe-s-cafe"],
  ["X", "org-x"],
  ["!!!", "org-tenant"],
])("slugify(%j) = %j", (name, slug) => {
  expect(slugify(name)).toBe(slug);
  expect(slugify(name)).toMatch(/^[a-z0-9][a-z0-9-]{1,62}$/);
});

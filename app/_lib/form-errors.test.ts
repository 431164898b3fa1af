import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { actionMessages, asMutationError, mutationMessages } from "./form-errors";

const validation = (fieldErrors: Record<string, string[]>, formErrors: string[] = []) => ({
  message: "Invalid input",
  data: { appCode: null, zodError: { formErrors, fieldErrors } },
});

describe("mutationMessages", () => {
  it("puts a validation message under the field the form shows, and nothing above the form", () => {
    const messages = mutationMessages(validation({ name: ["Enter a name", "Too short"] }), ["name", "code"]);
    expect(messages.field("name")).toBe("Enter a name");
    expect(messages.field("code")).toBeUndefined();
    expect(messages.form).toBeUndefined();
  });

  it("shows a refusal no field explains (a conflict) as the form message", () => {
    const conflict = { message: "IT dept matches the existing department", data: { appCode: "CONFLICT" } };
    const messages = mutationMessages(conflict, ["name"]);
    expect(messages.form).toBe("IT dept matches the existing department");
    expect(messages.field("name")).toBeUndefined();
  });

  it("puts a refusal about one field (a duplicate tag) under that field, not above the buttons", () => {
    const duplicate = {
      message: "Tag LAP-1 is already used by another asset.",
      data: { appCode: "CONFLICT", field: "tag" },
    };
    const messages = mutationMessages(duplicate, ["tag", "name"]);
    expect(messages.field("tag")).toBe("Tag LAP-1 is already used by another asset.");
    expect(messages.form).toBeUndefined();
    expect(mutationMessages(duplicate, ["name"]).form).toBe("Tag LAP-1 is already used by another asset.");
  });

  it("moves a message for a field the form does not show into the form message", () => {
    const messages = mutationMessages(validation({ name: ["Enter a name"], assetId: ["Invalid UUID"] }), [
      "name",
    ]);
    expect(messages.field("name")).toBe("Enter a name");
    expect(messages.field("assetId")).toBeUndefined();
    expect(messages.form).toBe("Invalid UUID");
  });

  it("shows zod's form-level messages above the form", () => {
    const messages = mutationMessages(validation({}, ["Choose a different parent"]), ["parentId"]);
    expect(messages.form).toBe("Choose a different parent");
  });

  it("never leaves a failure silent: a validation error naming nothing falls back to its message", () => {
    expect(mutationMessages(validation({}), ["name"]).form).toBe("Invalid input");
  });

  it("says nothing when nothing failed", () => {
    const messages = mutationMessages(null, ["name"]);
    expect(messages.form).toBeUndefined();
    expect(messages.field("name")).toBeUndefined();
  });
});

describe("actionMessages", () => {
  it("follows the same rule for a server action's refusal", () => {
    const messages = actionMessages({ fieldErrors: { password: ["At least 10 characters"] } }, ["password"]);
    expect(messages.field("password")).toBe("At least 10 characters");
    expect(messages.form).toBeUndefined();
  });

  it("shows an expired token (a hidden field) above the form instead of dropping it", () => {
    const messages = actionMessages({ fieldErrors: { token: ["This link has expired"] } }, ["password"]);
    expect(messages.form).toBe("This link has expired");
  });

  it("keeps the action's own message", () => {
    expect(actionMessages({ error: "Email or password is incorrect." }, ["email"]).form).toBe(
      "Email or password is incorrect.",
    );
  });
});

describe("asMutationError", () => {
  it("keeps a tRPC client error's data, so its field errors reach the form", () => {
    const caught = new TRPCClientError("Invalid input", {
      result: { error: { data: { zodError: { formErrors: [], fieldErrors: { name: ["Too long"] } } } } },
    });
    expect(mutationMessages(asMutationError(caught), ["name"]).field("name")).toBe("Too long");
  });

  it("reads anything else by its message", () => {
    expect(asMutationError("offline").message).toBe("offline");
  });
});

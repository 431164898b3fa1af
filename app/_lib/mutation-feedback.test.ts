import { toast } from "sonner";
import { afterEach, describe, expect, it } from "vitest";
import { notifySuccess } from "./mutation-feedback";

const shown = () => toast.getToasts().map((shownToast) => ("title" in shownToast ? shownToast.title : null));

afterEach(() => toast.dismiss());

describe("notifySuccess", () => {
  it("replaces the toast of the same kind of action instead of piling up", () => {
    notifySuccess("Role changed", "Role changed");
    notifySuccess("Role changed", "Role changed");
    notifySuccess("asset-saved", "AST-0001 saved");
    notifySuccess("asset-saved", "AST-0002 saved");
    expect(shown()).toEqual(["Role changed", "AST-0002 saved"]);
  });
});

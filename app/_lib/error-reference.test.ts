import { expect, it } from "vitest";
import { referenceOf } from "./error-reference";

it("quotes the request id a server failure names in its message", () => {
  const error = new Error(
    "Something went wrong on our side (reference 0f8fad5b-d9cb-469f-a165-70867728950e).",
  );
  expect(referenceOf(error)).toBe("0f8fad5b-d9cb-469f-a165-70867728950e");
});

it("falls back to the digest Next.js gives a server rendering error", () => {
  const error = Object.assign(new Error("An error occurred in the Server Components render."), {
    digest: "2838127459",
  });
  expect(referenceOf(error)).toBe("2838127459");
});

it("has none to quote for an error from the browser itself, or a thrown non-error", () => {
  expect(referenceOf(new TypeError("Failed to fetch"))).toBeNull();
  expect(referenceOf("boom")).toBeNull();
  expect(referenceOf(null)).toBeNull();
});

it("does not take a reference from text that only looks like one", () => {
  expect(referenceOf(new Error("(reference <script>alert(1)</script>)"))).toBeNull();
});

import { expect, it } from "vitest";
import { requestIdFrom } from "./request-id";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const withId = (id: string) => new Headers({ "x-request-id": id });

it("keeps a caller's well-formed request id", () => {
  expect(requestIdFrom(withId("0f8fad5b-d9cb-469f-a165-70867728950e"))).toBe(
    "0f8fad5b-d9cb-469f-a165-70867728950e",
  );
  expect(requestIdFrom(withId("01HZX3Q9V8_trace"))).toBe("01HZX3Q9V8_trace");
});

it("replaces a missing, short, long or hostile id with a fresh one", () => {
  for (const bad of [
    "",
    "short",
    "x".repeat(65),
    "abc def ghi",
    'abcdefgh", "msg": "forged"',
    "abcdefgh<script>alert(1)</script>",
    "../../../etc/passwd",
  ]) {
    const id = requestIdFrom(withId(bad));
    expect(id, JSON.stringify(bad)).toMatch(uuid);
  }
  expect(requestIdFrom(new Headers())).toMatch(uuid);
});

import { describe, expect, it } from "vitest";
import { limitsOf, refusalMessage, sizeRefusal } from "./file-upload";

const MB = 1024 * 1024;

describe("refusalMessage", () => {
  it("shows the server's own words for a refused file", () => {
    const body = JSON.stringify({
      error: { code: "PAYLOAD_TOO_LARGE", message: "42 MB is over the 25 MB limit" },
    });
    expect(refusalMessage(413, body)).toBe("42 MB is over the 25 MB limit");
  });

  it("explains a refusal whose body is not ours (a proxy's error page) by its status", () => {
    expect(refusalMessage(413, "<html>Request Entity Too Large</html>")).toBe("The file is too large.");
    expect(refusalMessage(401, "")).toBe("Your session has ended; sign in again and retry.");
    expect(refusalMessage(502, "Bad gateway")).toBe("The upload failed (HTTP 502); try again.");
  });

  it("says a dropped connection interrupted the upload", () => {
    expect(refusalMessage(0, "")).toBe("The upload was interrupted; check the connection and try again.");
  });
});

describe("sizeRefusal", () => {
  it("refuses a file over its purpose's limit before sending it, worded as the server words it", () => {
    expect(sizeRefusal({ size: 42 * MB }, "invoice")).toBe("42 MB is over the 25 MB limit");
    expect(sizeRefusal({ size: 16 * MB }, "photo")).toBe("16 MB is over the 15 MB limit");
  });

  it("lets a file at the limit through", () => {
    expect(sizeRefusal({ size: 25 * MB }, "invoice")).toBeNull();
  });
});

describe("limitsOf", () => {
  it("lists what a purpose takes and its size limit", () => {
    expect(limitsOf("photo")).toBe("JPEG, PNG or WebP, up to 15 MB");
    expect(limitsOf("invoice")).toBe("PDF, JPEG, PNG or WebP, up to 25 MB");
    expect(limitsOf("import_source")).toBe("CSV, up to 50 MB");
  });
});

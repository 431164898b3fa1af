import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { StepInstructions } from "./step-instructions";

const render = (source: string) => renderToStaticMarkup(createElement(StepInstructions, { source }));

describe("step instructions", () => {
  it("renders the markdown people write: emphasis, lists, links, code", () => {
    const html = render(
      "Wipe the disk **first**.\n\n1. Back up\n2. Run `wipe -a`\n\nSee [the guide](https://it.example.test/wipe).",
    );
    expect(html).toContain("<strong>first</strong>");
    expect(html).toMatch(/<ol>\s*<li>Back up<\/li>/);
    expect(html).toContain("<code>wipe -a</code>");
    expect(html).toContain(
      '<a href="https://it.example.test/wipe" target="_blank" rel="noopener noreferrer nofollow">the guide</a>',
    );
  });

  it("never renders raw HTML, scripts, images or script links", () => {
    const html = render(
      'Hi <script>alert(1)</script><img src=x onerror="alert(2)"> ![pixel](https://t.example/p.gif) [click](javascript:alert(3)) [data](data:text/html,<b>x</b>)',
    );
    expect(html).not.toMatch(/<script|<img|onerror|javascript:|data:text/i);
    // The link text stays, without a target.
    expect(html).toContain("click");
  });
});

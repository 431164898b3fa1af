import Markdown, { defaultUrlTransform } from "react-markdown";

/**
 * The elements instructions may use: text formatting, lists, links, code and quotes. Headings
 * become bold paragraphs (a step is not a document) and anything else (images, tables, raw HTML,
 * which is dropped outright) is left out, keeping its text.
 */
const allowedElements = [
  "p",
  "strong",
  "em",
  "del",
  "ul",
  "ol",
  "li",
  "a",
  "code",
  "pre",
  "blockquote",
  "br",
  "hr",
  "h1",
  "h2",
  "h3",
  "h4",
];

const heading = ({ children }: { children?: React.ReactNode }) => <p className="font-semibold">{children}</p>;

/** Only web and mail links survive; react-markdown's own transform already drops javascript: and the like. */
function safeUrl(url: string) {
  const kept = defaultUrlTransform(url);
  return /^(https?:|mailto:|\/|#)/i.test(kept) ? kept : "";
}

/**
 * A template step's markdown instructions, rendered safely: no raw HTML (skipped, never
 * interpreted), a fixed set of elements, links only to http(s), mail or in-app paths, opened in a
 * new tab without access to this one.
 */
export function StepInstructions({ source }: { source: string }) {
  return (
    <div className="grid gap-2 text-muted-foreground [&_a]:text-foreground [&_a]:underline [&_code]:rounded-sm [&_code]:bg-muted [&_code]:px-1 [&_ol]:list-decimal [&_ol]:pl-5 [&_ul]:list-disc [&_ul]:pl-5 [&_blockquote]:border-l-2 [&_blockquote]:pl-3">
      <Markdown
        skipHtml
        allowedElements={allowedElements}
        unwrapDisallowed
        urlTransform={safeUrl}
        components={{
          h1: heading,
          h2: heading,
          h3: heading,
          h4: heading,
          a: ({ href, children }) =>
            href ? (
              <a href={href} target="_blank" rel="noopener noreferrer nofollow">
                {children}
              </a>
            ) : (
              <span>{children}</span>
            ),
        }}
      >
        {source}
      </Markdown>
    </div>
  );
}

import { Link, render, Section, Text } from "@react-email/components";
import { createElement } from "react";
import { type EmailFrame, EmailLayout, linkStyle } from "./layout";

export type DigestItem = { title: string; body: string; link: string; at: string };

export type DailyDigestEmailProps = EmailFrame & {
  recipientName: string;
  /** The day the digest covers, as the recipient reads it ("Friday 4 December"). */
  dayLabel: string;
  items: DigestItem[];
};

export const dailyDigestSubject = (props: DailyDigestEmailProps) =>
  `Your daily summary: ${props.items.length} ${props.items.length === 1 ? "notification" : "notifications"}`;

const item = { margin: "0 0 4px", fontWeight: 600 };
const muted = { margin: "0 0 12px", color: "#52525b" };

/** Once a day, what the recipient chose to read in a summary rather than one email each. */
export function DailyDigestEmail(props: DailyDigestEmailProps) {
  return (
    <EmailLayout tenantName={props.tenantName} appUrl={props.appUrl} preview={dailyDigestSubject(props)}>
      <Text>Hello {props.recipientName},</Text>
      <Text>Here is what happened since your last summary ({props.dayLabel}):</Text>
      {props.items.map((entry) => (
        <Section key={`${entry.at}-${entry.link}-${entry.title}`}>
          <Text style={item}>
            <Link href={entry.link} style={linkStyle}>
              {entry.title}
            </Link>
          </Text>
          <Text style={muted}>
            {entry.body} ({entry.at})
          </Text>
        </Section>
      ))}
    </EmailLayout>
  );
}

DailyDigestEmail.PreviewProps = {
  tenantName: "Acme",
  appUrl: "http://localhost:3000",
  recipientName: "Erin Employee",
  dayLabel: "Friday 4 December",
  items: [
    {
      title: "IT-00912 ThinkPad X1 is assigned to you",
      body: "ThinkPad X1 (IT-00912) is now yours to look after.",
      link: "http://localhost:3000/portal",
      at: "09:14",
    },
  ],
} satisfies DailyDigestEmailProps;

export async function renderDailyDigest(props: DailyDigestEmailProps) {
  const element = createElement(DailyDigestEmail, props);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: dailyDigestSubject(props), html, text };
}

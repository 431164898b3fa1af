import {
  Body,
  Button,
  Container,
  Head,
  Hr,
  Html,
  Link,
  Preview,
  Section,
  Text,
} from "@react-email/components";
import type { ReactNode } from "react";

/** What every email carries: who it is from (the tenant), and the way back to the app. */
export type EmailFrame = { tenantName: string; appUrl: string };

const body = { backgroundColor: "#f4f4f5", fontFamily: "Helvetica, Arial, sans-serif", color: "#18181b" };
const card = {
  backgroundColor: "#ffffff",
  borderRadius: "8px",
  margin: "24px auto",
  padding: "24px",
  maxWidth: "560px",
};
const footer = { color: "#52525b", fontSize: "12px" };
// Dark and underlined: a link inside a sentence must not rely on colour alone (WCAG 1.4.1).
export const linkStyle = { color: "#18181b", textDecoration: "underline" };

const button = { backgroundColor: "#18181b", color: "#ffffff", padding: "10px 16px", borderRadius: "6px" };

/** An email's one call to action: a dark button naming what the link opens. */
export function EmailButton({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Button href={href} style={button}>
      {children}
    </Button>
  );
}

/**
 * The frame of every Assetronics email: the tenant's name on top (people get mail from several
 * organizations using the product), the message, and a footer linking back to the app and saying
 * where notification settings live.
 */
export function EmailLayout(
  props: EmailFrame & {
    preview: string;
    children: ReactNode;
    /** Mail about the person's own account is not a notification: it says so instead. */
    accountMail?: boolean;
  },
) {
  return (
    <Html lang="en">
      <Head>
        <title>{props.preview}</title>
      </Head>
      <Preview>{props.preview}</Preview>
      <Body style={body}>
        <Container style={card}>
          <Text style={{ fontSize: "14px", fontWeight: 600, margin: 0 }}>{props.tenantName}</Text>
          <Hr />
          <Section>{props.children}</Section>
          <Hr />
          {props.accountMail ? (
            <Text style={footer}>
              Sent by Assetronics (
              <Link href={props.appUrl} style={linkStyle}>
                {props.appUrl}
              </Link>
              ) about your account. It is sent only when asked for, whatever your notification settings.
            </Text>
          ) : (
            <Text style={footer}>
              Sent by Assetronics for {props.tenantName}. Open{" "}
              <Link href={props.appUrl} style={linkStyle}>
                {props.appUrl}
              </Link>{" "}
              to see it there; choose which notifications you get by email under Notifications in your
              account.
            </Text>
          )}
        </Container>
      </Body>
    </Html>
  );
}

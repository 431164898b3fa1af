import { Text } from "@react-email/components";
import { EmailButton, type EmailFrame, EmailLayout } from "./layout";

export type WarrantyExpiringEmailProps = EmailFrame & {
  recipientName: string;
  /** 30 for the first notice, 7 for the last. */
  thresholdDays: number;
  /** Every warranty of the notice; `assets` lists the first of them, ending soonest first. */
  count: number;
  assets: { tag: string; name: string; warrantyEnd: string }[];
  link: string;
};

export const warrantyExpiringSubject = (props: WarrantyExpiringEmailProps) => {
  const [first] = props.assets;
  return props.count === 1 && first
    ? `The warranty of ${first.tag} ${first.name} ends on ${first.warrantyEnd}`
    : `${props.count} warranties end within ${props.thresholdDays} days`;
};

/**
 * To IT staff and admins, 30 and again 7 days before: warranties are ending, so renew them or plan
 * replacements. One email lists every asset of the day's notice, however many.
 */
export function WarrantyExpiringEmail(props: WarrantyExpiringEmailProps) {
  const unlisted = props.count - props.assets.length;
  return (
    <EmailLayout tenantName={props.tenantName} appUrl={props.appUrl} preview={warrantyExpiringSubject(props)}>
      <Text>Hello {props.recipientName},</Text>
      <Text>
        {props.count === 1 ? "This warranty ends" : `These ${props.count} warranties end`} within{" "}
        {props.thresholdDays} days. Renew {props.count === 1 ? "it" : "them"} or plan replacements before
        then.
      </Text>
      {props.assets.map((asset) => (
        <Text key={asset.tag} style={{ margin: "4px 0" }}>
          {asset.tag} {asset.name}: ends {asset.warrantyEnd}
        </Text>
      ))}
      {unlisted > 0 ? <Text>…and {unlisted} more in the asset list.</Text> : null}
      <EmailButton href={props.link}>
        {props.count === 1 ? "Open the asset" : "See the warranties ending soon"}
      </EmailButton>
    </EmailLayout>
  );
}

WarrantyExpiringEmail.PreviewProps = {
  tenantName: "Acme",
  appUrl: "http://localhost:3000",
  recipientName: "Ivy IT",
  thresholdDays: 30,
  count: 2,
  assets: [
    { tag: "LAP-0042", name: "ThinkPad X1", warrantyEnd: "2027-01-05" },
    { tag: "MON-0007", name: "Dell U2723QE", warrantyEnd: "2027-01-05" },
  ],
  link: "http://localhost:3000/assets?warranty=30&sort=warranty_end&dir=asc",
} satisfies WarrantyExpiringEmailProps;

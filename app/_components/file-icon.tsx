import { File, FileImage, FileSpreadsheet, FileText, type LucideProps } from "lucide-react";

/** What a file is at a glance, from its sniffed content type (the name and extension may lie). */
export function FileIcon({ contentType, ...props }: { contentType: string } & LucideProps) {
  if (contentType.startsWith("image/")) return <FileImage aria-hidden {...props} />;
  if (
    contentType === "application/pdf" ||
    contentType.includes("wordprocessing") ||
    contentType.endsWith(".text")
  )
    return <FileText aria-hidden {...props} />;
  if (contentType === "text/csv" || contentType.includes("spreadsheet"))
    return <FileSpreadsheet aria-hidden {...props} />;
  return <File aria-hidden {...props} />;
}

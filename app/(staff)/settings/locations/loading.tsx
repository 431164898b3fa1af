import { PageSkeleton } from "@/app/_components/page-skeleton";

export default PageSkeleton;

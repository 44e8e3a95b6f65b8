import { Skeleton } from "antd";

/** Shown while a lazily loaded page or its first data arrives, so the layout does not jump. */
export function PageSkeleton({ rows = 6 }: { rows?: number }) {
  return (
    <div style={{ padding: 16 }} data-testid="page-skeleton">
      <Skeleton active title paragraph={{ rows }} />
    </div>
  );
}

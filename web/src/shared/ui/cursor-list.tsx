import { type QueryKey, useInfiniteQuery } from "@tanstack/react-query";
import { Button } from "antd";
import { useTranslation } from "react-i18next";

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A list the server pages with a keyset cursor: the first page loads at once, more on request,
 * so a long list is never cut short without saying so.
 */
export function useCursorList<P extends CursorPage<unknown>>(options: {
  queryKey: QueryKey;
  fetchPage: (after: string | undefined) => Promise<P>;
  enabled?: boolean;
}) {
  const query = useInfiniteQuery({
    queryKey: options.queryKey,
    queryFn: ({ pageParam }) => options.fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: options.enabled,
  });
  const items: P["items"] = query.data?.pages.flatMap((p) => p.items) ?? [];
  return { ...query, items };
}

/** Under a list: how many rows are shown and, while the server has more, a button for them. */
export function LoadMore({
  list,
}: {
  list: {
    items: unknown[];
    hasNextPage: boolean;
    isFetchingNextPage: boolean;
    fetchNextPage: () => unknown;
  };
}) {
  const { t } = useTranslation();
  if (!list.hasNextPage) return null;
  return (
    <div style={{ textAlign: "center", marginTop: 12 }}>
      <Button loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
        {t("common.loadMore", { count: list.items.length })}
      </Button>
    </div>
  );
}

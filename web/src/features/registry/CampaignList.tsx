import { Button, List } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LoadMore } from "../../shared/ui/cursor-list";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";

interface Campaign {
  id: number;
  title: string;
  orgName: string;
}

/**
 * A scope's campaigns of one kind (declarations, attestations), newest first and paged, each
 * opening its coverage page; the manager's button to start one sits above.
 */
export function CampaignList<C extends Campaign>({
  list,
  path,
  openLabel,
  onOpen,
  describe,
}: {
  list: {
    items: C[];
    isLoading: boolean;
    error: unknown;
    refetch: () => unknown;
    hasNextPage: boolean;
    isFetchingNextPage: boolean;
    fetchNextPage: () => unknown;
  };
  /** Where a campaign's coverage page lives, relative to the registry page. */
  path: string;
  openLabel: string;
  /** Absent when the caller may not start one. */
  onOpen?: () => void;
  describe: (campaign: C) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      {onOpen ? (
        <Button type="primary" style={{ marginBottom: 12 }} onClick={onOpen}>
          {openLabel}
        </Button>
      ) : null}
      <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      {!list.isLoading && list.items.length === 0 ? (
        <EmptyState description={t("registry.oversee.noCampaigns")} />
      ) : (
        <List
          loading={list.isLoading}
          dataSource={list.items}
          renderItem={(c) => (
            <List.Item>
              <List.Item.Meta
                title={<Link to={`${path}/${c.id}`}>{`${c.title}（${c.orgName}）`}</Link>}
                description={describe(c)}
              />
            </List.Item>
          )}
        />
      )}
      <LoadMore list={list} />
    </>
  );
}

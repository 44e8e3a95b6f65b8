import { useQuery } from "@tanstack/react-query";
import { Button, Card, Descriptions, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { PageSkeleton } from "../../shared/ui/PageSkeleton";
import { ArchiveOrgDialog, CreateOrgDialog, MoveOrgDialog, RenameOrgDialog } from "./OrgDialogs";
import { getOrg, type Org } from "./orgs.api";

/** What a change did to the tree, so the page refreshes only the affected branches. */
export type TreeChange =
  | { kind: "updated"; org: Org; refreshParents: number[] }
  | { kind: "removed"; orgId: number; parentId: number | null; refreshParents: number[] };

type Dialog = "create" | "rename" | "move" | "archive" | null;

export function OrgDetailPanel({
  orgId,
  onChange,
}: {
  orgId: number;
  onChange: (change: TreeChange) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<Dialog>(null);
  const {
    data: org,
    isPending,
    error,
    refetch,
  } = useQuery({ queryKey: ["org", orgId], queryFn: () => getOrg(orgId) });

  if (isPending) return <PageSkeleton rows={4} />;
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;

  const done = async (change: TreeChange) => {
    setDialog(null);
    await onChange(change);
  };

  return (
    <Card
      size="small"
      title={org.name}
      extra={
        <Space wrap size={4}>
          {org.can.createChild && (
            <Button type="primary" size="small" onClick={() => setDialog("create")}>
              {t("orgs.createChild")}
            </Button>
          )}
          {org.can.rename && (
            <Button size="small" onClick={() => setDialog("rename")}>
              {t("orgs.rename")}
            </Button>
          )}
          {org.can.move && org.parentId !== null && (
            <Button size="small" onClick={() => setDialog("move")}>
              {t("orgs.move")}
            </Button>
          )}
          {org.can.archive && org.parentId !== null && (
            <Button size="small" danger onClick={() => setDialog("archive")}>
              {t("orgs.archive")}
            </Button>
          )}
        </Space>
      }
    >
      <Descriptions column={{ xs: 1, sm: 2 }} size="small">
        <Descriptions.Item label={t("orgs.field.kind")}>
          {t(`orgs.kind.${org.kind}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t("orgs.field.code")}>
          <Typography.Text copyable>{org.code}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t("orgs.field.members")}>{org.memberCount}</Descriptions.Item>
        <Descriptions.Item label={t("orgs.field.subtreeMembers")}>
          {org.subtreeMemberCount}
        </Descriptions.Item>
        <Descriptions.Item label={t("orgs.field.children")}>{org.childCount}</Descriptions.Item>
        <Descriptions.Item label={t("orgs.field.parents")}>
          {org.ancestors.map((a) => a.name).join(" / ") ||
            t(org.parentId === null ? "orgs.topLevel" : "orgs.parentOutOfScope")}
        </Descriptions.Item>
      </Descriptions>
      <CreateOrgDialog
        open={dialog === "create"}
        parent={org}
        onClose={() => setDialog(null)}
        onDone={() =>
          done({
            kind: "updated",
            org: { ...org, childCount: org.childCount + 1 },
            refreshParents: [org.id],
          })
        }
      />
      <RenameOrgDialog
        open={dialog === "rename"}
        org={org}
        onClose={() => setDialog(null)}
        onDone={(renamed) => done({ kind: "updated", org: renamed, refreshParents: [] })}
      />
      <MoveOrgDialog
        open={dialog === "move"}
        org={org}
        onClose={() => setDialog(null)}
        onDone={(newParentId) =>
          done({
            kind: "removed",
            orgId: org.id,
            parentId: newParentId,
            refreshParents: [org.parentId ?? newParentId, newParentId],
          })
        }
      />
      <ArchiveOrgDialog
        open={dialog === "archive"}
        org={org}
        onClose={() => setDialog(null)}
        onDone={() =>
          done({
            kind: "removed",
            orgId: org.id,
            parentId: org.parentId,
            refreshParents: org.parentId ? [org.parentId] : [],
          })
        }
      />
    </Card>
  );
}

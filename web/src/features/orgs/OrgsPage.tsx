import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Col, Grid, Row, Space, Tag, Tree, Typography } from "antd";
import type { DataNode } from "antd/es/tree";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useOrgScope } from "../../app/org-scope";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { PageSkeleton } from "../../shared/ui/PageSkeleton";
import { OrgDetailPanel, type TreeChange } from "./OrgDetailPanel";
import { OrgSearch } from "./OrgSearch";
import { getOrg, listChildren, type Org, type OrgDetail } from "./orgs.api";
import {
  addChildren,
  ensureChild,
  findNode,
  forgetChildren,
  keyOf,
  loadedKeys,
  type OrgNode,
  removeNode,
  replaceOrg,
  toNode,
} from "./tree";

const MORE = "more:";

function OrgTitle({ org }: { org: Org }) {
  const { t } = useTranslation();
  return (
    <span>
      {org.name}{" "}
      <Tag bordered={false} style={{ marginInlineStart: 4 }}>
        {t(`orgs.kind.${org.kind}`)}
      </Tag>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t("orgs.memberCount", { count: org.subtreeMemberCount })}
      </Typography.Text>
    </span>
  );
}

export function OrgsPage() {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const client = useQueryClient();
  const { current } = useOrgScope();
  const [nodes, setNodes] = useState<OrgNode[]>([]);
  const [expanded, setExpanded] = useState<string[]>([]);
  const [selected, setSelected] = useState<number | null>(null);

  const root = useQuery({
    queryKey: ["org", current?.orgId],
    queryFn: () => getOrg(current?.orgId ?? 0),
    enabled: current !== null,
  });
  useEffect(() => {
    if (!root.data) return;
    setNodes([toNode(root.data)]);
    setExpanded([]);
    setSelected(root.data.id);
  }, [root.data]);

  const loadPage = useCallback(async (parentId: number, page: number) => {
    const result = await listChildren(parentId, page);
    setNodes((prev) => addChildren(prev, keyOf(parentId), result));
    return result;
  }, []);

  /** Opens every ancestor of a search hit, fetching what is not loaded yet, and selects it. */
  const reveal = async (hit: OrgDetail) => {
    const chain = [...hit.ancestors.map((a) => a.id), hit.id];
    const start = current ? chain.indexOf(current.orgId) : -1;
    const path = start >= 0 ? chain.slice(start) : chain;
    let tree = nodes;
    for (let i = 0; i < path.length - 1; i++) {
      const parentId = path[i] as number;
      const parent = findNode(tree, keyOf(parentId));
      if (parent && !parent.children) {
        const page = await listChildren(parentId, 1);
        tree = addChildren(tree, keyOf(parentId), page);
      }
      const childId = path[i + 1] as number;
      if (!findNode(tree, keyOf(childId))) {
        const child = childId === hit.id ? hit : await getOrg(childId);
        tree = ensureChild(tree, keyOf(parentId), child);
      }
    }
    setNodes(tree);
    setExpanded((prev) => [...new Set([...prev, ...path.slice(0, -1).map(keyOf)])]);
    setSelected(hit.id);
  };

  const onChange = async (change: TreeChange) => {
    if (change.kind === "updated") setNodes((prev) => replaceOrg(prev, change.org));
    if (change.kind === "removed") setNodes((prev) => removeNode(prev, keyOf(change.orgId)));
    for (const parentId of change.refreshParents) {
      if (findNode(nodes, keyOf(parentId))?.children) await loadPage(parentId, 1);
      else setNodes((prev) => forgetChildren(prev, keyOf(parentId)));
    }
    await client.invalidateQueries({ queryKey: ["org"] });
    if (change.kind === "removed") setSelected(change.parentId);
  };

  const toData = (list: OrgNode[]): DataNode[] =>
    list.map((n) => ({
      key: n.key,
      title: <OrgTitle org={n.org} />,
      isLeaf: n.isLeaf,
      children: n.children && [
        ...toData(n.children),
        ...(n.remaining
          ? [
              {
                key: `${MORE}${n.key}`,
                isLeaf: true,
                selectable: true,
                title: (
                  <Button type="link" size="small">
                    {t("orgs.loadMore", { count: n.remaining })}
                  </Button>
                ),
              },
            ]
          : []),
      ],
    }));

  if (!current) return <EmptyState description={t("orgs.noScope")} />;
  if (root.isPending) return <PageSkeleton />;
  if (root.error) return <ErrorAlert error={root.error} onRetry={() => void root.refetch()} />;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={10}>
        <Card title={t("orgs.treeTitle")} size="small">
          <Space orientation="vertical" style={{ width: "100%" }}>
            <OrgSearch onPick={(hit) => void reveal(hit)} />
            <Tree
              treeData={toData(nodes)}
              expandedKeys={expanded}
              loadedKeys={loadedKeys(nodes)}
              onExpand={(keys) => setExpanded(keys.map(String))}
              selectedKeys={selected ? [keyOf(selected)] : []}
              onSelect={(keys) => {
                const key = String(keys[0] ?? "");
                if (key.startsWith(MORE)) {
                  const parent = findNode(nodes, key.slice(MORE.length));
                  if (parent) void loadPage(parent.org.id, (parent.pagesLoaded ?? 0) + 1);
                } else if (key) {
                  setSelected(Number(key));
                }
              }}
              loadData={async (node) => {
                const found = findNode(nodes, String(node.key));
                if (found && !found.children && !found.isLeaf) await loadPage(found.org.id, 1);
              }}
              height={screens.lg ? 600 : 420}
              blockNode
              showLine
            />
          </Space>
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        {selected ? (
          <OrgDetailPanel orgId={selected} onChange={onChange} />
        ) : (
          <EmptyState description={t("orgs.pick")} />
        )}
      </Col>
    </Row>
  );
}

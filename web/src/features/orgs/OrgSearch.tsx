import { useQuery } from "@tanstack/react-query";
import { AutoComplete, Input, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useDebounced } from "../../shared/use-debounced";
import { type OrgDetail, searchOrgs } from "./orgs.api";

/** Search by name or code (e.g. 第二党支部 or 001002); picking a hit hands over the org with its ancestors. */
export function OrgSearch({
  onPick,
  placeholder,
  exclude,
}: {
  onPick: (org: OrgDetail) => void;
  placeholder?: string;
  /** An org that may not be picked (e.g. the one being moved). */
  exclude?: number;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const q = useDebounced(text.trim());
  const { data, isFetching } = useQuery({
    queryKey: ["org-search", q],
    queryFn: () => searchOrgs(q),
    enabled: q.length > 0,
  });
  const items = (data?.items ?? []).filter((o) => o.id !== exclude);
  return (
    <AutoComplete
      value={text}
      onChange={setText}
      style={{ width: "100%" }}
      options={items.map((o) => ({
        value: String(o.id),
        label: (
          <div>
            <div>
              {o.name} <Typography.Text type="secondary">{o.code}</Typography.Text>
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {o.ancestors.map((a) => a.name).join(" / ") ||
                t(o.parentId === null ? "orgs.topLevel" : "orgs.parentOutOfScope")}
            </Typography.Text>
          </div>
        ),
      }))}
      onSelect={(value: string) => {
        const hit = items.find((o) => String(o.id) === value);
        if (hit) {
          setText(hit.name);
          onPick(hit);
        }
      }}
      notFoundContent={q && !isFetching ? t("orgs.noMatch") : null}
    >
      <Input.Search
        placeholder={placeholder ?? t("orgs.searchPlaceholder")}
        loading={isFetching}
        allowClear
      />
    </AutoComplete>
  );
}

import { useQuery } from "@tanstack/react-query";
import { Select } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useDebounced } from "../../../shared/use-debounced";
import { listMaterials } from "../study.api";

/**
 * Picks a campaign's required materials. The list is searched on the server by title, since a
 * city's materials run past any page; the chosen ones are fetched by id so their titles show
 * even when they are not among the search results.
 */
export function MaterialSelect({
  id,
  value = [],
  onChange,
}: {
  /** Form.Item's id, so its label names this control. */
  id?: string;
  value?: number[];
  onChange?: (ids: number[]) => void;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState("");
  const q = useDebounced(typed.trim());
  const found = useQuery({
    queryKey: ["study", "materials", "search", q],
    queryFn: () => listMaterials({ q: q || undefined, limit: 50 }),
  });
  const chosen = useQuery({
    queryKey: ["study", "materials", "ids", value],
    queryFn: () => listMaterials({ ids: value, limit: 100 }),
    enabled: value.length > 0,
  });
  const options = [...(chosen.data?.items ?? []), ...(found.data?.items ?? [])]
    .filter((m, i, all) => all.findIndex((x) => x.id === m.id) === i)
    .map((m) => ({ value: m.id, label: m.title }));
  return (
    <Select<number[]>
      id={id}
      mode="multiple"
      showSearch
      filterOption={false}
      onSearch={setTyped}
      value={value}
      onChange={(ids) => onChange?.(ids)}
      loading={found.isFetching}
      placeholder={t("study.admin.materialSearch")}
      notFoundContent={found.isFetching ? undefined : t("study.admin.noMaterial")}
      options={options}
    />
  );
}

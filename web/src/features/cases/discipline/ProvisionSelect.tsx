import { useQuery } from "@tanstack/react-query";
import { Select } from "antd";
import { DISCIPLINE_KEY, type Provision, provisionsInForce } from "./discipline.api";

/** 「第十条（2）党员不得…」: the article, which sentence of it, and the start of its text. */
export const provisionLabel = (p: Pick<Provision, "articleLabel" | "seq" | "text">) =>
  `${p.articleLabel}（${p.seq}）${p.text.length > 40 ? `${p.text.slice(0, 40)}…` : p.text}`;

/** Provisions of the version in force on `conductOn`, searchable by article or words. */
export function ProvisionSelect({
  conductOn,
  value,
  onChange,
  id,
}: {
  conductOn: string | undefined;
  value?: number[];
  onChange?: (v: number[]) => void;
  id?: string;
}) {
  const query = useQuery({
    queryKey: [...DISCIPLINE_KEY, "provisions", conductOn],
    queryFn: () => provisionsInForce(conductOn ?? ""),
    enabled: Boolean(conductOn),
  });
  return (
    <Select
      id={id}
      mode="multiple"
      value={value}
      onChange={onChange}
      loading={query.isLoading}
      disabled={!conductOn}
      optionFilterProp="label"
      options={(query.data?.items ?? []).map((p) => ({ value: p.id, label: provisionLabel(p) }))}
      style={{ width: "100%" }}
    />
  );
}

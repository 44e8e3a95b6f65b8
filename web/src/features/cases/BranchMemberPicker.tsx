import { useQuery } from "@tanstack/react-query";
import { Select } from "antd";
import { useState } from "react";
import { useDebounced } from "../../shared/use-debounced";
import { searchBranchMembers } from "./cases.api";

/**
 * Picks a member of the filer's own branch by name. Only that branch is searched, the same
 * set the server accepts, so the picker never says whether someone elsewhere is a member.
 */
export function BranchMemberPicker({
  value,
  onChange,
  disabled,
}: {
  value?: number;
  onChange?: (id: number | undefined) => void;
  disabled?: boolean;
}) {
  const [typed, setTyped] = useState("");
  const name = useDebounced(typed.trim());
  const found = useQuery({
    queryKey: ["cases", "branch-members", name],
    queryFn: () => searchBranchMembers(name),
    enabled: name.length > 0,
  });
  return (
    <Select<number>
      showSearch
      allowClear
      value={value}
      onChange={(id) => onChange?.(id)}
      onSearch={setTyped}
      filterOption={false}
      disabled={disabled}
      loading={found.isFetching}
      notFoundContent={null}
      options={(found.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
    />
  );
}

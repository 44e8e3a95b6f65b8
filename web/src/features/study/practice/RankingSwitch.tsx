import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Space, Switch, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { getSettings, putSettings } from "../study.api";

/** Per-org choice to show members their branch's points ranking; off unless turned on. */
export function RankingSwitch({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const settings = useQuery({
    queryKey: ["study", "settings", orgId],
    queryFn: () => getSettings(orgId),
  });
  const save = useMutation({
    mutationFn: (on: boolean) => putSettings(orgId, on),
    onSuccess: (next) => client.setQueryData(["study", "settings", orgId], next),
  });
  return (
    <Space>
      <Switch
        size="small"
        checked={settings.data?.rankingsEnabled ?? false}
        loading={settings.isPending || save.isPending}
        onChange={(on) => save.mutate(on)}
      />
      <Typography.Text type="secondary">{t("study.admin.rankings")}</Typography.Text>
    </Space>
  );
}

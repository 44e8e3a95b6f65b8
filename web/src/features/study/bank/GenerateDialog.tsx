import { useMutation, useQuery } from "@tanstack/react-query";
import { App, Checkbox, Form, InputNumber, Modal, TreeSelect, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../shared/ui/ErrorAlert";
import { articleTree, pickedArticles } from "../chapters";
import { type GenerateResult, generateDrafts, listArticles } from "../study.api";

interface Values {
  scope: string[];
  types: ("single" | "fill_blank")[];
  limit: number;
}

/** The generator makes single choices and fill-ins; the other kinds are written by hand. */
const KINDS = ["single", "fill_blank"] as const;

/**
 * 生成草稿 asks first: from which chapters or articles, which kinds, and how many. The server
 * leaves out any stem the bank already has and says how many it skipped.
 */
export function GenerateDialog({
  orgId,
  open,
  onClose,
  onDone,
}: {
  orgId: number;
  open: boolean;
  onClose: () => void;
  onDone: (r: GenerateResult) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const articles = useQuery({
    queryKey: ["study", "articles"],
    queryFn: listArticles,
    enabled: open,
  });
  const run = useMutation({
    mutationFn: (v: Values) =>
      generateDrafts({
        orgId,
        articleIds: pickedArticles(v.scope ?? [], articles.data?.items ?? []),
        types: v.types,
        limit: v.limit,
      }),
    onSuccess: (r) => {
      const parts = [t("study.admin.generated", { count: r.created })];
      if (r.skipped > 0) parts.push(t("study.admin.generateSkipped", { count: r.skipped }));
      if (r.remaining > 0) parts.push(t("study.admin.generateRemaining", { count: r.remaining }));
      void (r.created > 0 ? message.success : message.info)(parts.join("；"));
      onDone(r);
    },
  });
  return (
    <Modal
      open={open}
      title={t("study.admin.generateTitle")}
      okText={t("study.admin.generateOk")}
      cancelText={t("common.cancel")}
      confirmLoading={run.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <ErrorAlert error={run.error ?? articles.error} />
      <Typography.Paragraph type="secondary">{t("study.admin.generateHint")}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ scope: [], types: [...KINDS], limit: 10 }}
        onFinish={(v) => run.mutate(v)}
      >
        <Form.Item name="scope" label={t("study.admin.generateScope")}>
          <TreeSelect
            treeData={articleTree(articles.data?.items ?? [])}
            treeCheckable
            showCheckedStrategy={TreeSelect.SHOW_PARENT}
            placeholder={t("study.admin.generateAll")}
            loading={articles.isPending}
            allowClear
            treeNodeFilterProp="title"
            maxTagCount="responsive"
            data-testid="generate-scope"
          />
        </Form.Item>
        <Form.Item
          name="types"
          label={t("study.admin.questionType")}
          rules={[{ required: true, message: t("study.admin.generateNoType") }]}
        >
          <Checkbox.Group options={KINDS.map((k) => ({ value: k, label: t(`study.type.${k}`) }))} />
        </Form.Item>
        <Form.Item name="limit" label={t("study.admin.generateLimit")} rules={[{ required: true }]}>
          <InputNumber min={1} max={200} data-testid="generate-limit" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

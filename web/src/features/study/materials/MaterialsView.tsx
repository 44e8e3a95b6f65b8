import { UploadOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Form, Input, Segmented, Select, Space, Table, Tag, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useOrgScope } from "../../../app/org-scope";
import { applyApiError, messageAt, unplacedError } from "../../../shared/form-errors";
import { LoadMore, useCursorList } from "../../../shared/ui/cursor-list";
import { ErrorAlert } from "../../../shared/ui/ErrorAlert";
import {
  createMaterial,
  listArticles,
  listMaterials,
  type Material,
  uploadMaterial,
} from "../study.api";

type Kind = "article" | "link" | "file";
const FIELDS = ["title", "url", "articleIds"] as const;
interface Values {
  title: string;
  articleIds?: number[];
  url?: string;
}

/** Study materials: articles of the regulation, links, uploaded PDF/DOCX, each tagged with articles. */
export function MaterialsView() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { current } = useOrgScope();
  const [form] = Form.useForm<Values>();
  const [kind, setKind] = useState<Kind>("article");
  const [file, setFile] = useState<File | null>(null);
  const list = useCursorList({
    queryKey: ["study", "materials", "list"],
    fetchPage: (after) => listMaterials({ after }),
  });
  const articles = useQuery({ queryKey: ["study", "articles"], queryFn: listArticles });
  const label = new Map((articles.data?.items ?? []).map((a) => [a.id, a.label]));
  const save = useMutation({
    mutationFn: async (v: Values) => {
      const orgId = current?.orgId ?? 0;
      const articleIds = v.articleIds ?? [];
      if (kind === "file" && file) return uploadMaterial(orgId, v.title, articleIds, file);
      if (kind === "link")
        return createMaterial({ kind, orgId, title: v.title, url: v.url ?? "", articleIds });
      return createMaterial({ kind: "article", orgId, title: v.title, articleIds });
    },
    onSuccess: () => {
      void message.success(t("study.admin.materialSaved"));
      form.resetFields();
      setFile(null);
      void client.invalidateQueries({ queryKey: ["study", "materials"] });
    },
    onError: (e) => applyApiError(form, e, FIELDS),
  });
  return (
    <Space orientation="vertical" style={{ width: "100%" }} size="middle">
      <Card title={t("study.admin.newMaterial")}>
        <ErrorAlert error={unplacedError(save.error, [...FIELDS, "file"]) ?? list.error} />
        <Segmented
          value={kind}
          onChange={(v) => setKind(v as Kind)}
          options={(["article", "link", "file"] as const).map((k) => ({
            value: k,
            label: t(`study.admin.kind.${k}`),
          }))}
          style={{ marginBottom: 12 }}
        />
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} disabled={!current}>
          <Form.Item
            name="title"
            label={t("study.admin.title")}
            rules={[{ required: true, max: 200 }]}
          >
            <Input />
          </Form.Item>
          {kind === "link" ? (
            <Form.Item
              name="url"
              label={t("study.admin.url")}
              rules={[{ required: true, type: "url" }]}
            >
              <Input placeholder="https://" />
            </Form.Item>
          ) : null}
          {kind === "file" ? (
            <Form.Item
              label={t("study.admin.file")}
              required
              validateStatus={messageAt(save.error, "file") ? "error" : undefined}
              help={messageAt(save.error, "file")}
            >
              <Upload
                accept=".pdf,.docx"
                maxCount={1}
                beforeUpload={(f) => {
                  setFile(f);
                  return false;
                }}
                onRemove={() => setFile(null)}
              >
                <Button icon={<UploadOutlined />}>
                  {file?.name ?? t("study.admin.chooseFile")}
                </Button>
              </Upload>
            </Form.Item>
          ) : null}
          <Form.Item
            name="articleIds"
            label={t("study.admin.articles")}
            rules={[{ required: kind === "article" }]}
          >
            <Select
              mode="multiple"
              optionFilterProp="label"
              options={(articles.data?.items ?? []).map((a) => ({
                value: a.id,
                label: a.chapterHeading ? `${a.label}（${a.chapterHeading}）` : a.label,
              }))}
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            loading={save.isPending}
            disabled={kind === "file" && !file}
          >
            {t("common.save")}
          </Button>
        </Form>
      </Card>
      <Card size="small">
        <Table<Material>
          rowKey="id"
          size="small"
          loading={list.isPending}
          dataSource={list.items}
          pagination={false}
          scroll={{ x: 560 }}
          columns={[
            { title: t("study.admin.title"), dataIndex: "title" },
            {
              title: "",
              dataIndex: "kind",
              width: 88,
              render: (k: Kind) => <Tag>{t(`study.admin.kind.${k}`)}</Tag>,
            },
            {
              title: t("study.admin.articles"),
              dataIndex: "articleIds",
              render: (ids: number[]) => ids.map((id) => label.get(id) ?? "—").join("、"),
            },
          ]}
        />
        <LoadMore list={list} />
      </Card>
    </Space>
  );
}

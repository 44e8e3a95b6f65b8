import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useOrgScope } from "../../../app/org-scope";
import { applyApiError } from "../../../shared/form-errors";
import { ErrorAlert } from "../../../shared/ui/ErrorAlert";
import { searchOrgs } from "../../orgs/orgs.api";
import { chaptersOf } from "../chapters";
import { MaterialSelect } from "../materials/MaterialSelect";
import {
  type Campaign,
  type CampaignInput,
  createCampaign,
  listArticles,
  updateCampaign,
} from "../study.api";

const FIELDS = [
  "orgId",
  "title",
  "description",
  "materialIds",
  "passMark",
  "timeLimitMinutes",
  "maxAttempts",
  "rules",
] as const;

interface Values {
  orgId: number;
  title: string;
  description?: string;
  period: [Dayjs, Dayjs];
  materialIds?: number[];
  passMark: number;
  timeLimitMinutes: number;
  maxAttempts: number;
  rules: { chapter: number | null; type: string | null; count: number }[];
}

const TYPES = ["single", "multiple", "true_false", "fill_blank"] as const;

function toValues(orgId: number, c: Campaign | null): Partial<Values> {
  if (!c) {
    return {
      orgId,
      passMark: 60,
      timeLimitMinutes: 30,
      maxAttempts: 2,
      period: [dayjs(), dayjs().add(14, "day")],
      rules: [{ chapter: null, type: null, count: 5 }],
    };
  }
  return {
    orgId: c.orgId,
    title: c.title,
    description: c.description,
    period: [dayjs(c.startsAt), dayjs(c.endsAt)],
    materialIds: c.materialIds,
    passMark: c.passMark,
    timeLimitMinutes: c.timeLimitMinutes,
    maxAttempts: c.maxAttempts,
    rules: c.rules,
  };
}

/**
 * A draft campaign: new for the org in scope, or an existing draft being edited. Publishing
 * is a separate, deliberate step; after it the server refuses edits (409).
 */
export function CampaignForm({
  orgId,
  campaign = null,
  open,
  onClose,
  onCreated,
}: {
  orgId: number;
  campaign?: Campaign | null;
  open: boolean;
  onClose: () => void;
  onCreated: (id: number) => void;
}) {
  const { t } = useTranslation();
  const { options: scope } = useOrgScope();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [orgQuery, setOrgQuery] = useState("");
  const found = useQuery({
    queryKey: ["orgs", "search", orgQuery],
    queryFn: () => searchOrgs(orgQuery, 20),
    enabled: open && orgQuery.trim().length > 0,
  });
  // The orgs the user manages from, the campaign's own org, and any searched-for org below.
  const orgOptions = [
    ...scope.map((o) => ({ value: o.orgId, label: o.orgName })),
    ...(campaign ? [{ value: campaign.orgId, label: campaign.orgName }] : []),
    ...(found.data?.items ?? []).map((o) => ({ value: o.id, label: o.name })),
  ].filter((o, i, all) => all.findIndex((x) => x.value === o.value) === i);
  const articles = useQuery({
    queryKey: ["study", "articles"],
    queryFn: listArticles,
    enabled: open,
  });
  const chapters = chaptersOf(articles.data?.items ?? []);
  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      const body: CampaignInput = {
        orgId: v.orgId,
        title: v.title,
        description: v.description ?? "",
        startsAt: v.period[0].toISOString(),
        endsAt: v.period[1].toISOString(),
        materialIds: v.materialIds ?? [],
        passMark: v.passMark,
        timeLimitMinutes: v.timeLimitMinutes,
        maxAttempts: v.maxAttempts,
        rules: v.rules.map((r) => ({
          chapter: r.chapter ?? null,
          type: (r.type ?? null) as CampaignInput["rules"][number]["type"],
          count: r.count,
        })),
      };
      const { id } = campaign
        ? await updateCampaign(campaign.id, body)
        : await createCampaign(body);
      form.resetFields();
      onCreated(id);
    } catch (e) {
      if (!applyApiError(form, e, FIELDS, { startsAt: "period", endsAt: "period" })) setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t(campaign ? "study.admin.editCampaign" : "study.admin.newCampaign")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      width={640}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={toValues(orgId, campaign)}
      >
        <Form.Item name="orgId" label={t("study.admin.org")} rules={[{ required: true }]}>
          <Select
            showSearch={{ filterOption: false, onSearch: setOrgQuery }}
            options={orgOptions}
            loading={found.isFetching}
            data-testid="campaign-org"
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t("study.admin.title")}
          rules={[{ required: true, max: 200 }]}
        >
          <Input data-testid="campaign-title" />
        </Form.Item>
        <Form.Item name="description" label={t("study.admin.description")}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Form.Item name="period" label={t("study.admin.dates")} rules={[{ required: true }]}>
          <DatePicker.RangePicker
            showTime={{ format: "HH:mm" }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: "100%" }}
          />
        </Form.Item>
        <Form.Item name="materialIds" label={t("study.admin.materialIds")}>
          <MaterialSelect />
        </Form.Item>
        <Space wrap>
          <Form.Item name="passMark" label={t("study.admin.passMark")} rules={[{ required: true }]}>
            <InputNumber min={0} max={100} />
          </Form.Item>
          <Form.Item
            name="timeLimitMinutes"
            label={t("study.admin.timeLimit")}
            rules={[{ required: true }]}
          >
            <InputNumber min={1} max={600} />
          </Form.Item>
          <Form.Item
            name="maxAttempts"
            label={t("study.admin.maxAttempts")}
            rules={[{ required: true }]}
          >
            <InputNumber min={1} max={10} />
          </Form.Item>
        </Space>
        <Form.List name="rules">
          {(fields, { add, remove }, { errors }) => (
            <Form.Item label={t("study.admin.rules")}>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item name={[field.name, "chapter"]}>
                    <Select
                      style={{ width: 220 }}
                      allowClear
                      placeholder={t("study.admin.anyChapter")}
                      options={chapters.map((c) => ({ value: c.number, label: c.label }))}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, "type"]}>
                    <Select
                      style={{ width: 120 }}
                      allowClear
                      placeholder={t("study.admin.anyType")}
                      options={TYPES.map((type) => ({
                        value: type,
                        label: t(`study.type.${type}`),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, "count"]} rules={[{ required: true }]}>
                    <InputNumber
                      min={1}
                      max={100}
                      addonAfter={t("study.admin.count")}
                      data-testid="rule-count"
                    />
                  </Form.Item>
                  {fields.length > 1 ? (
                    <MinusCircleOutlined onClick={() => remove(field.name)} />
                  ) : null}
                </Space>
              ))}
              <div>
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ chapter: null, type: null, count: 1 })}
                >
                  {t("study.admin.addRule")}
                </Button>
              </div>
              <Form.ErrorList errors={errors} />
            </Form.Item>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

import { useQuery } from "@tanstack/react-query";
import { App, Button, Card, DatePicker, Form, Input, Select, Switch } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { applyApiError } from "../../shared/form-errors";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { getArticleOptions } from "./article-options";
import { BranchMemberPicker } from "./BranchMemberPicker";
import { fileReport, type Platform, type ReportInput } from "./cases.api";
import { PLATFORM_CODES } from "./codes";

interface Values {
  platform: Platform;
  link?: string;
  accountName?: string;
  seenOn: Dayjs;
  description: string;
  articles?: number[];
  subjectMemberId?: number;
  subjectName?: string;
  anonymous?: boolean;
}
const FIELDS = [
  "platform",
  "link",
  "accountName",
  "seenOn",
  "description",
  "articles",
  "subjectMemberId",
  "subjectName",
  "anonymous",
];

/** 举报 (Art 21): what, where and when, with the articles it may breach; confirmed before it goes. */
export function ReportForm() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const articles = useQuery({ queryKey: ["cases", "articles"], queryFn: getArticleOptions });
  // A member picked or a name typed, never both: the server refuses the pair.
  const picked = Form.useWatch("subjectMemberId", form);
  const typedName = Form.useWatch("subjectName", form);

  const submit = async (v: Values) => {
    const confirmed = await modal.confirm({
      title: t("cases.report.confirm"),
      okText: t("common.confirm"),
      cancelText: t("common.cancel"),
    });
    if (!confirmed) return;
    const body: ReportInput = {
      platform: v.platform,
      link: v.link?.trim() || undefined,
      accountName: v.accountName?.trim() || undefined,
      seenOn: v.seenOn.format("YYYY-MM-DD"),
      description: v.description,
      articles: v.articles ?? [],
      subjectMemberId: v.subjectMemberId,
      subjectName: v.subjectMemberId ? undefined : v.subjectName?.trim() || undefined,
      anonymous: v.anonymous ?? false,
    };
    setBusy(true);
    setError(null);
    try {
      const receipt = await fileReport(body);
      message.success(t("cases.report.received", { number: receipt.number }), 6);
      navigate(`/my-cases/${receipt.id}`);
    } catch (e) {
      if (!applyApiError(form, e, FIELDS)) setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t("cases.report.title")}>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ platform: "weibo", seenOn: dayjs(), anonymous: false }}
        style={{ maxWidth: 720 }}
      >
        <Form.Item name="platform" label={t("cases.report.platform")} rules={[{ required: true }]}>
          <Select
            options={PLATFORM_CODES.map((p) => ({ value: p, label: t(`cases.platforms.${p}`) }))}
          />
        </Form.Item>
        <Form.Item name="link" label={t("cases.report.link")} extra={t("cases.report.linkHelp")}>
          <Input inputMode="url" placeholder="https://" />
        </Form.Item>
        <Form.Item name="accountName" label={t("cases.report.accountName")}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="seenOn" label={t("cases.report.seenOn")} rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), "day")} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item
          name="description"
          label={t("cases.report.description")}
          extra={t("cases.report.descriptionHelp")}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea rows={5} maxLength={5000} />
        </Form.Item>
        <Form.Item
          name="articles"
          label={t("cases.report.articles")}
          extra={t("cases.report.articlesHelp")}
        >
          <Select
            mode="multiple"
            allowClear
            loading={articles.isLoading}
            options={articles.data ?? []}
            optionFilterProp="label"
          />
        </Form.Item>
        <Form.Item
          name="subjectMemberId"
          label={t("cases.report.subjectMember")}
          extra={t("cases.report.subjectMemberHelp")}
        >
          <BranchMemberPicker disabled={Boolean(typedName?.trim())} />
        </Form.Item>
        <Form.Item
          name="subjectName"
          label={t("cases.report.subjectName")}
          extra={t("cases.report.subjectHelp")}
        >
          <Input maxLength={100} disabled={picked !== undefined} />
        </Form.Item>
        <Form.Item
          name="anonymous"
          label={t("cases.report.anonymous")}
          extra={t("cases.report.anonymousHelp")}
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
        <ErrorAlert error={error} />
        <Button type="primary" htmlType="submit" loading={busy}>
          {t("cases.report.submit")}
        </Button>
      </Form>
    </Card>
  );
}

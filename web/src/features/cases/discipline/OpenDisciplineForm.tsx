import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Form, Input, Select, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { applyApiError } from "../../../shared/form-errors";
import { ErrorAlert } from "../../../shared/ui/ErrorAlert";
import { searchMembers } from "../cases.api";
import {
  DISCIPLINE_KEY,
  listOrigins,
  type OpenInput,
  openDiscipline,
  type PendingFinding,
} from "./discipline.api";
import { ProvisionSelect } from "./ProvisionSelect";

const FIELDS = [
  "origin",
  "memberId",
  "meetingId",
  "findingId",
  "conductOn",
  "provisionIds",
  "allegation",
];
const ORIGINS = [
  "direct",
  "review_meeting",
  "declaration_finding",
  "report",
  "protection",
] as const;

/**
 * 立案: the member (or the case it comes from, which names them), the date of the conduct,
 * and the provisions of the version in force then. A case that comes from a report or a
 * protection case arrives here with `?origin=…&from=…` from that case's page; one from a
 * declaration finding with `?finding=…` from the list of findings awaiting a case. Findings and
 * meetings are picked from those the server lists for this handler, never typed as ids.
 */
export function OpenDisciplineForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const from = Number(params.get("from")) || undefined;
  const linked = params.get("origin");
  const presetFinding = Number(params.get("finding")) || undefined;
  const [form] = Form.useForm<OpenInput>();
  const origin = Form.useWatch("origin", form);
  const conductOn = Form.useWatch("conductOn", form);
  const [members, setMembers] = useState<{ value: number; label: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const origins = useQuery({
    queryKey: [...DISCIPLINE_KEY, "origins"],
    queryFn: listOrigins,
    enabled: !from,
  });
  const findings = origins.data?.findings ?? [];
  const findingId = Form.useWatch("findingId", form);
  const picked = findings.find((f) => f.id === findingId);
  const prefill = (f: PendingFinding | undefined) => {
    if (!f) return;
    form.setFieldValue(
      "allegation",
      t("discipline.open.findingAllegation", {
        campaign: f.campaignTitle,
        by: f.recordedBy,
        at: f.recordedAt,
        text: f.finding,
      }),
    );
  };
  const [error, setError] = useState<unknown>(null);

  const search = async (name: string) => {
    if (name.trim() === "") return;
    const page = await searchMembers(name.trim()).catch(() => ({ items: [] }));
    setMembers(page.items.map((m) => ({ value: m.id, label: `${m.name}（${m.org.name}）` })));
  };
  const submit = async (values: OpenInput) => {
    setBusy(true);
    setError(null);
    try {
      const done = await openDiscipline({ ...values, fromCaseId: from });
      await client.invalidateQueries({ queryKey: DISCIPLINE_KEY });
      message.success(t("discipline.open.done", { number: done.number }));
      navigate(`/discipline/${done.id}`);
    } catch (e) {
      if (!applyApiError(form, e, FIELDS)) setError(e);
    } finally {
      setBusy(false);
    }
  };
  const fromCase = origin === "report" || origin === "protection";
  return (
    <Card title={t("discipline.open.title")} style={{ maxWidth: 760 }}>
      <ErrorAlert error={error} />
      <Form
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{
          origin:
            linked === "report" || linked === "protection"
              ? linked
              : presetFinding
                ? "declaration_finding"
                : "direct",
          findingId: presetFinding,
        }}
        onFinish={submit}
      >
        <Form.Item name="origin" label={t("discipline.open.origin")} rules={[{ required: true }]}>
          <Select
            disabled={Boolean(from)}
            options={ORIGINS.filter(
              (o) => Boolean(from) === (o === "report" || o === "protection"),
            ).map((o) => ({
              value: o,
              label: t(`discipline.open.origins.${o}`),
            }))}
          />
        </Form.Item>
        {fromCase ? (
          <Typography.Paragraph type="secondary">
            {t("discipline.open.fromCase", { id: from })} {t("discipline.open.fromHelp")}
          </Typography.Paragraph>
        ) : origin === "declaration_finding" ? (
          <>
            <Form.Item
              name="findingId"
              label={t("discipline.open.finding")}
              extra={
                picked
                  ? `${t("discipline.open.member")}：${picked.member.name}（${picked.orgName}），${t("discipline.open.findingHelp")}`
                  : undefined
              }
              rules={[{ required: true }]}
            >
              <Select
                loading={origins.isLoading}
                placeholder={t("discipline.open.findingPick")}
                notFoundContent={t("discipline.open.findingNone")}
                onChange={(id: number) => prefill(findings.find((f) => f.id === id))}
                options={findings.map((f) => ({
                  value: f.id,
                  label: `${f.member.name}（${f.orgName}）· ${f.campaignTitle} · ${f.finding}`,
                }))}
              />
            </Form.Item>
            <FindingPrefill finding={presetFinding ? picked : undefined} prefill={prefill} />
          </>
        ) : (
          <Form.Item
            name="memberId"
            label={t("discipline.open.member")}
            rules={[{ required: true }]}
          >
            <Select
              showSearch
              filterOption={false}
              onSearch={search}
              options={members}
              placeholder={t("discipline.open.memberSearch")}
            />
          </Form.Item>
        )}
        {origin === "review_meeting" ? (
          <Form.Item
            name="meetingId"
            label={t("discipline.open.meeting")}
            rules={[{ required: true }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              loading={origins.isLoading}
              placeholder={t("discipline.open.meetingPick")}
              notFoundContent={t("discipline.open.meetingNone")}
              options={(origins.data?.meetings ?? []).map((m) => ({
                value: m.id,
                label: `${m.heldOn} · ${m.orgName} · ${m.topic}`,
              }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="conductOn"
          label={t("discipline.open.conductOn")}
          extra={t("discipline.open.conductHelp")}
          rules={[{ required: true }]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item
          name="provisionIds"
          label={t("discipline.open.provisions")}
          rules={[{ required: true }]}
        >
          <ProvisionSelect conductOn={conductOn} />
        </Form.Item>
        <Form.Item
          name="allegation"
          label={t("discipline.open.allegation")}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t("discipline.open.submit")}
        </Button>
      </Form>
    </Card>
  );
}

/** Fills the allegation once from a finding preselected by the link it was opened from. */
function FindingPrefill({
  finding,
  prefill,
}: {
  finding: PendingFinding | undefined;
  prefill: (f: PendingFinding) => void;
}) {
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (finding && !done) {
      prefill(finding);
      setDone(true);
    }
  }, [finding, done, prefill]);
  return null;
}

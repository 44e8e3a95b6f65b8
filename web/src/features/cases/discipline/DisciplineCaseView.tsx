import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  List,
  Popconfirm,
  Select,
  Space,
  Tag,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ErrorAlert } from "../../../shared/ui/ErrorAlert";
import { PageSkeleton } from "../../../shared/ui/PageSkeleton";
import { caseFileUrl, uploadCaseFile } from "../cases.api";
import { EvidenceUpload } from "../EvidenceUpload";
import { DisciplineTimeline } from "./DisciplineTimeline";
import {
  addRecord,
  DISCIPLINE_KEY,
  type DisciplineDetail,
  type DocKind,
  docUrl,
  finalize,
  getDiscipline,
} from "./discipline.api";
import { provisionLabel } from "./ProvisionSelect";
import { StepForm, type StepName } from "./StepForms";

/** One discipline case for its handlers: facts, steps open now (or why not), records, history. */
export function DisciplineCaseView() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const client = useQueryClient();
  const key = [...DISCIPLINE_KEY, "case", id];
  const query = useQuery({ queryKey: key, queryFn: () => getDiscipline(id) });
  const [step, setStep] = useState<StepName | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: DISCIPLINE_KEY });
  const final = useMutation({ mutationFn: () => finalize(id), onSuccess: refresh });
  if (query.isLoading) return <PageSkeleton />;
  const d = query.data;
  if (!d) return <ErrorAlert error={query.error} onRetry={() => query.refetch()} />;
  const docs: DocKind[] = [
    ...(d.noticeOn ? (["notice"] as const) : []),
    ...(d.decidedOn ? (["decision"] as const) : []),
    ...(d.appealOutcome ? (["appeal"] as const) : []),
  ];
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card
        title={`${d.number} · ${d.stateLabel}`}
        extra={<Link to="/discipline">{t("discipline.view.back")}</Link>}
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t("discipline.view.subject")}>
            {d.subject ? `${d.subject.name}（${d.subject.orgName}）` : "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("discipline.view.org")}>{d.orgName}</Descriptions.Item>
          <Descriptions.Item label={t("discipline.view.origin")}>
            {t(`discipline.open.origins.${d.origin}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t("discipline.view.conductOn")}>
            {d.conductOn}
          </Descriptions.Item>
          {d.defenceDueOn ? (
            <Descriptions.Item label={t("discipline.view.defenceDue")}>
              {d.defenceDueOn}
            </Descriptions.Item>
          ) : null}
          {d.measureLabel ? (
            <Descriptions.Item label={t("discipline.view.measure")}>
              {d.measureLabel}
            </Descriptions.Item>
          ) : null}
          {d.appealDueOn ? (
            <Descriptions.Item label={t("discipline.view.appealDue")}>
              {d.appealDueOn}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
        {d.finding ? (
          <Alert
            type="info"
            style={{ marginTop: 12 }}
            message={
              d.finding.visible
                ? `${t("discipline.open.finding")}（${d.finding.campaignTitle}，${d.finding.recordedBy} ${d.finding.recordedAt}）`
                : `${t("discipline.open.finding")}${t("discipline.view.findingHidden")}`
            }
            description={
              d.finding.visible ? (
                <>
                  <span>{d.finding.finding}</span>{" "}
                  <Link to={`/registry-admin/declaration/${d.finding.declarationId}`}>
                    {t("discipline.view.openDeclaration")}
                  </Link>
                </>
              ) : undefined
            }
          />
        ) : null}
        <List
          size="small"
          header={t("discipline.view.cited")}
          dataSource={d.cited}
          renderItem={(p) => <List.Item>{provisionLabel(p)}</List.Item>}
        />
        {docs.length ? (
          <Flex gap={8} wrap style={{ marginTop: 12 }}>
            <span>{t("discipline.view.documents")}：</span>
            {docs.map((k) => (
              <a key={k} href={docUrl(d.id, k)} download>
                {t(`discipline.view.docs.${k}`)}
              </a>
            ))}
          </Flex>
        ) : null}
      </Card>
      <Steps d={d} onStep={setStep} finalize={() => final.mutate()} finalizing={final.isPending} />
      <ErrorAlert error={final.error} />
      {d.can.record ? <RecordForm id={d.id} onDone={refresh} /> : null}
      <Card title={t("discipline.view.files")} size="small">
        <List
          size="small"
          dataSource={d.files}
          locale={{ emptyText: "—" }}
          renderItem={(f) => (
            <List.Item>
              <a href={caseFileUrl(d.id, f.id)}>{f.fileName}</a>
              {f.byMember ? <Tag>{t("discipline.view.toMember")}</Tag> : null}
            </List.Item>
          )}
        />
        {d.can.record ? (
          <EvidenceUpload send={(file) => uploadCaseFile(d.id, file)} onDone={refresh} />
        ) : null}
      </Card>
      <DisciplineTimeline d={d} />
      {/* Keyed by step: each step's dialog is a form of its own, never the last one's reused. */}
      <StepForm
        key={step ?? "none"}
        step={step}
        detail={d}
        onClose={() => setStep(null)}
        onDone={async () => {
          setStep(null);
          await refresh();
        }}
      />
    </Space>
  );
}

function Steps({
  d,
  onStep,
  finalize,
  finalizing,
}: {
  d: DisciplineDetail;
  onStep: (s: StepName) => void;
  finalize: () => void;
  finalizing: boolean;
}) {
  const { t } = useTranslation();
  const steps = d.can.steps.filter((s) => s.name !== "review_appeal" || d.can.reviewAppeal);
  if (steps.length === 0) return null;
  return (
    <Card title={t("discipline.view.steps")} size="small">
      <Space direction="vertical" style={{ width: "100%" }}>
        {steps.map((s) =>
          s.name === "finalize" ? (
            <Popconfirm
              key={s.name}
              title={t("discipline.form.confirm")}
              onConfirm={finalize}
              disabled={s.refusal !== null}
            >
              <Button disabled={s.refusal !== null} loading={finalizing}>
                {t(`discipline.steps.${s.name}`)}
              </Button>
            </Popconfirm>
          ) : (
            <Button
              key={s.name}
              type={s.name === "decide" || s.name === "serve_notice" ? "primary" : "default"}
              danger={s.name === "dismiss"}
              disabled={s.refusal !== null}
              onClick={() => onStep(s.name as StepName)}
            >
              {t(`discipline.steps.${s.name}`)}
            </Button>
          ),
        )}
        {steps
          .filter((s) => s.refusal)
          .map((s) => (
            <Alert key={s.name} type="info" showIcon message={s.refusal} />
          ))}
      </Space>
    </Card>
  );
}

function RecordForm({ id, onDone }: { id: number; onDone: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ kind: "finding" | "interview"; text: string }>();
  const save = useMutation({
    mutationFn: (v: { kind: "finding" | "interview"; text: string }) =>
      addRecord(id, v.kind, v.text),
    onSuccess: async () => {
      form.resetFields();
      await onDone();
    },
  });
  return (
    <Card title={t("discipline.view.records")} size="small">
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: "finding" }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="kind" label={t("discipline.view.recordKindLabel")}>
          <Select
            style={{ maxWidth: 200 }}
            options={(["finding", "interview"] as const).map((k) => ({
              value: k,
              label: t(`discipline.view.recordKind.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="text"
          label={t("discipline.view.recordText")}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea rows={3} maxLength={10000} />
        </Form.Item>
        <ErrorAlert error={save.error} />
        <Button htmlType="submit" loading={save.isPending}>
          {t("discipline.view.addRecord")}
        </Button>
      </Form>
    </Card>
  );
}

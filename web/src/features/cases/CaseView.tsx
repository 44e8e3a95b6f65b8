import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  Radio,
  Space,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { AssignModal } from "./AssignModal";
import { CaseTimeline } from "./CaseTimeline";
import {
  addNote,
  assignCase,
  CASES_KEY,
  caseFileUrl,
  type FilerIdentity,
  getCase,
  revealFiler,
  type StepInput,
  takeStep,
  uploadCaseFile,
} from "./cases.api";
import { EvidenceUpload } from "./EvidenceUpload";
import { FiledFacts } from "./FiledFacts";
import { LinkedCases } from "./LinkedCases";
import { StepModal } from "./StepModal";

/**
 * One case for its handlers: the filing, the history with internal notes marked, evidence,
 * related cases, and exactly the steps the server says this handler may take now.
 */
export function CaseView() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const id = Number(useParams().id);
  const client = useQueryClient();
  const key = [...CASES_KEY, "detail", id];
  const query = useQuery({ queryKey: key, queryFn: () => getCase(id) });
  const [step, setStep] = useState<string | null>(null);
  const [filer, setFiler] = useState<FilerIdentity | null>(null);
  const [assigning, setAssigning] = useState(false);
  const [noteForm] = Form.useForm<{ text: string; toFiler: boolean }>();
  const refresh = () => client.invalidateQueries({ queryKey: CASES_KEY });
  const note = useMutation({
    mutationFn: (v: { text: string; toFiler: boolean }) => addNote(id, v.text, v.toFiler),
    onSuccess: async () => {
      noteForm.resetFields();
      message.success(t("cases.detail.sent"));
      await refresh();
    },
  });
  const c = query.data;

  const submitStep = async (values: StepInput) => {
    if (!step) return;
    const label = t(`cases.steps.${step}`);
    const ok = await modal.confirm({
      title: t("cases.steps.confirmTitle", { step: label }),
      okText: t("common.confirm"),
      cancelText: t("common.cancel"),
    });
    if (!ok) return;
    await takeStep(id, step, values);
    message.success(t("cases.steps.done", { step: label }));
    setStep(null);
    await refresh();
  };
  const assign = async (userId: number) => {
    await assignCase(id, userId);
    message.success(t("cases.assign.done"));
    setAssigning(false);
    await refresh();
  };
  const reveal = async () => {
    const ok = await modal.confirm({
      title: t("cases.detail.revealConfirm"),
      okText: t("common.confirm"),
      cancelText: t("common.cancel"),
    });
    if (ok) setFiler(await revealFiler(id));
  };

  return (
    <Card
      title={c ? `${c.number} · ${c.title}` : t("cases.handle.title")}
      loading={query.isLoading}
    >
      <ErrorAlert error={query.error} onRetry={() => query.refetch()} />
      {c ? (
        <Space direction="vertical" size="large" style={{ width: "100%" }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {c.title}
          </Typography.Title>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 3 }}
            items={[
              {
                key: "state",
                label: t("cases.detail.state"),
                children: (
                  <Space size={4}>
                    <Tag color="blue">{c.stateLabel}</Tag>
                    {c.overdue ? <Tag color="red">{t("cases.handle.overdue")}</Tag> : null}
                  </Space>
                ),
              },
              { key: "org", label: t("cases.detail.org"), children: c.orgName },
              { key: "opened", label: t("cases.detail.openedOn"), children: c.openedOn },
              ...(c.subject
                ? [
                    {
                      key: "subject",
                      label: t(`cases.detail.subject.${c.caseType}`),
                      children: `${c.subject.name}（${c.subject.orgName}）`,
                    },
                  ]
                : []),
              {
                key: "handler",
                label: t("cases.handle.handler"),
                children: (
                  <Space size={8} wrap>
                    <span>{c.handlerName ?? t("cases.handle.unassigned")}</span>
                    {c.can.assign ? (
                      <Button size="small" onClick={() => setAssigning(true)}>
                        {c.handlerName ? t("cases.assign.change") : t("cases.assign.title")}
                      </Button>
                    ) : null}
                  </Space>
                ),
              },
              {
                key: "filer",
                label: t(`cases.detail.filerOf.${c.caseType}`),
                children: c.anonymous ? (
                  t("cases.detail.anonymous")
                ) : filer ? (
                  `${filer.name}（${filer.orgName}）`
                ) : c.can.revealFiler ? (
                  <Button size="small" onClick={reveal}>
                    {t("cases.detail.reveal")}
                  </Button>
                ) : (
                  <Typography.Text type="secondary">
                    {t("cases.detail.revealOnlyHandler")}
                  </Typography.Text>
                ),
              },
              ...(c.outcomeLabel
                ? [{ key: "outcome", label: t("cases.detail.outcome"), children: c.outcomeLabel }]
                : []),
            ]}
          />
          {c.can.transitions.length > 0 ? (
            <Flex gap={8} wrap>
              {c.can.transitions.map((s) => (
                <Button
                  key={s}
                  type={s === "accept" || s === "close" ? "primary" : "default"}
                  danger={s === "decline"}
                  onClick={() => setStep(s)}
                >
                  {t(`cases.steps.${s}`)}
                </Button>
              ))}
            </Flex>
          ) : null}
          {c.related.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              message={
                <span>
                  {t("cases.detail.related")}
                  {c.related.map((r) => (
                    <Link key={r.id} to={`/cases/${r.id}`} style={{ marginLeft: 8 }}>
                      {r.number}
                    </Link>
                  ))}
                </span>
              }
            />
          ) : null}
          <LinkedCases
            detail={c}
            onOpened={async (number) => {
              message.success(t("cases.links.opened", { number }));
              await refresh();
            }}
          />
          <Card size="small" title={t("cases.detail.filed")}>
            {c.platform ? (
              <Typography.Paragraph>
                {`${t("cases.detail.platform")}：${t(`cases.platforms.${c.platform}`, { defaultValue: c.platform })}`}
              </Typography.Paragraph>
            ) : null}
            <FiledFacts filed={c.filed} />
            {c.articles.length > 0 ? (
              <Space wrap size={4}>
                {`${t("cases.detail.articles")}：`}
                {c.articles.map((n) => (
                  <Link key={n} to={`/regulations`}>
                    <Tag>{t("cases.detail.article", { n })}</Tag>
                  </Link>
                ))}
              </Space>
            ) : null}
          </Card>
          <Card size="small" title={t("cases.detail.files")}>
            {c.files.length === 0 ? (
              <Typography.Text type="secondary">{t("cases.detail.noFiles")}</Typography.Text>
            ) : (
              c.files.map((f) => (
                <div key={f.id}>
                  <a href={caseFileUrl(c.id, f.id)}>{f.fileName}</a>
                  {f.byFiler ? (
                    <Tag style={{ marginLeft: 8 }}>{t(`cases.detail.filerOf.${c.caseType}`)}</Tag>
                  ) : null}
                </div>
              ))
            )}
            {c.closedOn === null ? (
              <EvidenceUpload send={(f) => uploadCaseFile(id, f)} onDone={refresh} />
            ) : null}
          </Card>
          <Card size="small" title={t("cases.detail.history")}>
            <CaseTimeline
              events={c.events}
              filerView={false}
              filerLabel={t(`cases.detail.filerOf.${c.caseType}`)}
            />
          </Card>
          <Form
            form={noteForm}
            layout="vertical"
            initialValues={{ toFiler: false }}
            onFinish={(v) => note.mutate(v)}
          >
            <Form.Item name="toFiler">
              <Radio.Group
                options={[
                  { value: false, label: t("cases.detail.note") },
                  ...(c.can.message
                    ? [{ value: true, label: t(`cases.detail.messageTo.${c.caseType}`) }]
                    : []),
                ]}
              />
            </Form.Item>
            <Form.Item name="text" rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={3} maxLength={5000} aria-label={t("cases.detail.noteText")} />
            </Form.Item>
            <ErrorAlert error={note.error} />
            <Button htmlType="submit" loading={note.isPending}>
              {t("cases.detail.send")}
            </Button>
          </Form>
          <StepModal step={step} detail={c} onSubmit={submitStep} onClose={() => setStep(null)} />
          <AssignModal
            caseId={c.id}
            reassign={c.handlerName !== null}
            open={assigning}
            onSubmit={assign}
            onClose={() => setAssigning(false)}
          />
        </Space>
      ) : null}
    </Card>
  );
}

import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Form, Input, List, Popconfirm, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { ErrorAlert } from "../../../shared/ui/ErrorAlert";
import { PageSkeleton } from "../../../shared/ui/PageSkeleton";
import { EvidenceUpload } from "../EvidenceUpload";
import {
  appeal,
  DISCIPLINE_KEY,
  type DocKind,
  getMyDiscipline,
  type MyDiscipline,
  myDocUrl,
  submitDefence,
  uploadDefenceFile,
} from "./discipline.api";

const Para = ({ text }: { text: string }) => (
  <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{text}</Typography.Paragraph>
);

function Provisions({ items }: { items: { articleLabel: string; text: string }[] }) {
  return (
    <List
      size="small"
      dataSource={items}
      renderItem={(p) => <List.Item>{`${p.articleLabel}：${p.text}`}</List.Item>}
    />
  );
}

function Download({ id, kind }: { id: number; kind: DocKind }) {
  const { t } = useTranslation();
  return (
    <a href={myDocUrl(id, kind)} download>
      {`${t("discipline.mine.download")} ${t(`discipline.view.docs.${kind}`)}`}
    </a>
  );
}

/** The member's own case: the notice, their defence, the decision and how to appeal. */
export function MyDisciplineView() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const client = useQueryClient();
  const query = useQuery({
    queryKey: [...DISCIPLINE_KEY, "mine", id],
    queryFn: () => getMyDiscipline(id),
  });
  const refresh = () => client.invalidateQueries({ queryKey: DISCIPLINE_KEY });
  if (query.isLoading) return <PageSkeleton />;
  const c = query.data;
  if (!c) return <ErrorAlert error={query.error} onRetry={() => query.refetch()} />;
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card title={`${c.number} · ${c.stateLabel}`}>
        <Typography.Text type="secondary">{c.orgName}</Typography.Text>
      </Card>
      {c.notice ? (
        <Card title={t("discipline.mine.notice")} extra={<Download id={c.id} kind="notice" />}>
          <Typography.Title level={5}>{t("discipline.mine.facts")}</Typography.Title>
          <Para text={c.notice.facts} />
          <Typography.Title level={5}>{t("discipline.mine.provisions")}</Typography.Title>
          <Provisions items={c.notice.provisions} />
          {c.can.defend ? (
            <Alert
              type="warning"
              showIcon
              message={t("discipline.mine.defenceBy", { date: c.notice.defenceDueOn })}
            />
          ) : null}
        </Card>
      ) : null}
      <DefenceCard c={c} onDone={refresh} />
      {c.dismissal ? (
        <Alert
          type="success"
          showIcon
          message={t("discipline.mine.dismissed")}
          description={c.dismissal.reasons}
        />
      ) : null}
      {c.decision ? (
        <Card title={t("discipline.mine.decision")} extra={<Download id={c.id} kind="decision" />}>
          <Typography.Title level={4}>
            {c.decision.measureLabel}
            {c.decision.measureDetail ? `（${c.decision.measureDetail}）` : ""}
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            {t("discipline.mine.decidedBy", {
              by: c.decision.decidedBy,
              meeting: c.decision.meetingName,
              on: c.decision.meetingOn,
            })}
          </Typography.Paragraph>
          <Typography.Title level={5}>{t("discipline.form.factsFound")}</Typography.Title>
          <Para text={c.decision.factsFound} />
          <Typography.Title level={5}>{t("discipline.form.reasons")}</Typography.Title>
          <Para text={c.decision.reasons} />
          <Provisions items={c.decision.provisions} />
          {c.decision.answers.length ? (
            <>
              <Typography.Title level={5}>{t("discipline.mine.answers")}</Typography.Title>
              <List
                size="small"
                dataSource={c.decision.answers}
                renderItem={(a) => (
                  <List.Item>
                    <Space direction="vertical" size={0}>
                      <Typography.Text>{`${a.point + 1}. ${c.defence?.points[a.point] ?? ""}`}</Typography.Text>
                      <Typography.Text>
                        <Tag color={a.adopted ? "green" : "default"}>
                          {a.adopted
                            ? t("discipline.mine.adopted")
                            : t("discipline.mine.notAdopted")}
                        </Tag>
                        {a.text}
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            </>
          ) : null}
          <Alert
            type="info"
            showIcon
            message={t("discipline.mine.howToAppeal", {
              date: c.decision.appealDueOn,
              to: c.decision.appealTo,
            })}
          />
        </Card>
      ) : null}
      <AppealCard c={c} onDone={refresh} />
      {c.appealReview ? (
        <Card title={t("discipline.mine.review")} extra={<Download id={c.id} kind="appeal" />}>
          <Typography.Title level={5}>
            {c.appealReview.outcomeLabel}
            {c.appealReview.measureLabel ? `：${c.appealReview.measureLabel}` : ""}
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            {t("discipline.mine.decidedBy", {
              by: c.appealReview.decidedBy,
              meeting: c.appealReview.meetingName,
              on: c.appealReview.meetingOn,
            })}
          </Typography.Paragraph>
          <Para text={c.appealReview.reasons} />
        </Card>
      ) : null}
    </Space>
  );
}

function DefenceCard({ c, onDone }: { c: MyDiscipline; onDone: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ points: string[] }>();
  const send = useMutation({
    mutationFn: (points: string[]) => submitDefence(c.id, points),
    onSuccess: onDone,
  });
  if (!c.defence && !c.can.defend && c.files.length === 0) return null;
  return (
    <Card title={t("discipline.mine.defence")}>
      {c.defence ? (
        <List
          size="small"
          dataSource={c.defence.points}
          renderItem={(p, i) => <List.Item>{`${i + 1}. ${p}`}</List.Item>}
        />
      ) : (
        <Form form={form} layout="vertical" initialValues={{ points: [""] }}>
          <Form.List name="points">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Form.Item
                    key={f.key}
                    name={f.name}
                    label={t("discipline.mine.pointLabel", { n: i + 1 })}
                    rules={[{ required: true, whitespace: true }]}
                    extra={
                      fields.length > 1 ? (
                        <Button
                          type="link"
                          size="small"
                          icon={<MinusCircleOutlined />}
                          onClick={() => remove(f.name)}
                        >
                          {t("discipline.mine.removePoint")}
                        </Button>
                      ) : null
                    }
                  >
                    <Input.TextArea rows={3} maxLength={5000} />
                  </Form.Item>
                ))}
                {fields.length < 20 ? (
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() => add("")}
                    style={{ marginBottom: 12 }}
                  >
                    {t("discipline.mine.addPoint")}
                  </Button>
                ) : null}
              </>
            )}
          </Form.List>
          <ErrorAlert error={send.error} />
          <Popconfirm
            title={t("discipline.mine.confirmDefence")}
            onConfirm={async () => {
              const v = await form.validateFields().catch(() => null);
              if (v) send.mutate(v.points);
            }}
          >
            <Button type="primary" loading={send.isPending} style={{ display: "block" }}>
              {t("discipline.mine.submitDefence")}
            </Button>
          </Popconfirm>
        </Form>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t("discipline.mine.materials")}
      </Typography.Title>
      <List
        size="small"
        dataSource={c.files}
        locale={{ emptyText: "—" }}
        renderItem={(f) => <List.Item>{f.fileName}</List.Item>}
      />
      {c.can.upload ? (
        <EvidenceUpload send={(file) => uploadDefenceFile(c.id, file)} onDone={onDone} />
      ) : null}
    </Card>
  );
}

function AppealCard({ c, onDone }: { c: MyDiscipline; onDone: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reasons: string }>();
  const send = useMutation({
    mutationFn: (reasons: string) => appeal(c.id, reasons),
    onSuccess: onDone,
  });
  if (c.appeal) {
    return (
      <Card title={t("discipline.mine.appeal")}>
        <Typography.Paragraph type="secondary">
          {t("discipline.mine.appealed", { date: c.appeal.appealedOn })}
        </Typography.Paragraph>
        <Para text={c.appeal.reasons} />
      </Card>
    );
  }
  if (!c.can.appeal) return null;
  return (
    <Card title={t("discipline.mine.appeal")}>
      <Form form={form} layout="vertical">
        <Form.Item
          name="reasons"
          label={t("discipline.mine.appealReasons")}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea rows={4} maxLength={10000} />
        </Form.Item>
        <ErrorAlert error={send.error} />
        <Popconfirm
          title={t("discipline.mine.confirmAppeal")}
          onConfirm={async () => {
            const v = await form.validateFields().catch(() => null);
            if (v) send.mutate(v.reasons);
          }}
        >
          <Button type="primary" loading={send.isPending}>
            {t("discipline.mine.appeal")}
          </Button>
        </Popconfirm>
      </Form>
    </Card>
  );
}

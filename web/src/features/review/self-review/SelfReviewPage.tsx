import { DownloadOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Form, Input, Radio, Space, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { ApiError } from "../../../shared/api";
import { messageAt, unplacedError } from "../../../shared/form-errors";
import { ErrorAlert } from "../../../shared/ui/ErrorAlert";
import { PageSkeleton } from "../../../shared/ui/PageSkeleton";
import {
  getSelfReview,
  materialUrl,
  returnSelfReview,
  type SelfReviewDetail,
  saveDraft,
  submitSelfReview,
} from "../review.api";
import { useAutosave } from "./autosave";

type Item = SelfReviewDetail["items"][number];
interface Draft {
  overview: string;
  items: Item[];
}

const toBody = (d: Draft) => ({
  overview: d.overview,
  items: d.items.map(({ seq, answer, problem, cause, measure }) => ({
    seq,
    answer,
    problem,
    cause,
    measure,
  })),
});

const PARTS = ["problem", "cause", "measure"] as const;

/**
 * The server's error as a field of the draft: submitting names a line by its number
 * (items.<seq>.<part>), the draft's schema by its place in the list (items.<index>.<part>).
 */
function itemField(error: unknown, items: Item[], bySeq: boolean): string | null {
  if (!(error instanceof ApiError) || !error.field) return null;
  const m = /^(?:body\.)?items\.(\d+)\.(\w+)/.exec(error.field);
  if (!m) return null;
  const seq = bySeq ? Number(m[1]) : items[Number(m[1])]?.seq;
  return seq === undefined ? null : `items.${seq}.${m[2]}`;
}

/**
 * One 对照检查材料: a line per binding provision, saved as the member types. A line the server
 * refuses shows its error under that line's control and is scrolled into view: on a phone an
 * alert at the top of a long list would be off screen.
 */
export function SelfReviewPage() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const id = Number(useParams().id);
  const client = useQueryClient();
  const query = useQuery({ queryKey: ["review", "self", id], queryFn: () => getSelfReview(id) });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [returnComment, setReturnComment] = useState("");
  useEffect(() => {
    if (query.data) setDraft({ overview: query.data.overview, items: query.data.items });
  }, [query.data]);
  const save = useMutation({ mutationFn: (d: Draft) => saveDraft(id, toBody(d)) });
  const autosave = useCallback((d: Draft) => save.mutate(d), [save.mutate]);
  const editable = query.data?.can.edit ?? false;
  useAutosave(editable ? draft : null, autosave);
  const after = (r: SelfReviewDetail) => {
    client.setQueryData(["review", "self", id], r);
    void client.invalidateQueries({ queryKey: ["review", "mine"] });
  };
  const submit = useMutation({
    // The last keystrokes may not have been autosaved yet: save them, then submit.
    mutationFn: async (d: Draft) => {
      await saveDraft(id, toBody(d));
      return submitSelfReview(id);
    },
    onSuccess: after,
  });
  const sendBack = useMutation({
    mutationFn: () => returnSelfReview(id, returnComment),
    onSuccess: after,
  });
  const items = draft?.items ?? [];
  const failedAt =
    itemField(submit.error, items, true) ?? itemField(save.error, items, false) ?? null;
  const failed = submit.error ?? save.error;
  useEffect(() => {
    const seq = failedAt?.split(".")[1];
    if (!seq) return;
    document
      .querySelector(`[data-testid="item-${seq}"]`)
      ?.scrollIntoView({ behavior: "smooth", block: "center" });
  }, [failedAt]);

  if (query.isLoading || (query.data && !draft)) return <PageSkeleton />;
  const r = query.data;
  if (!r || !draft) return <ErrorAlert error={query.error} onRetry={() => query.refetch()} />;
  const setItem = (seq: number, change: Partial<Item>) => {
    // Editing the line the server refused takes its error away; the next submit checks again.
    if (failedAt?.startsWith(`items.${seq}.`)) submit.reset();
    setDraft(
      (d) => d && { ...d, items: d.items.map((i) => (i.seq === seq ? { ...i, ...change } : i)) },
    );
  };
  const errorAt = (field: string) => (failedAt === field ? messageAt(failed, "items") : undefined);
  const overviewError = messageAt(failed, "overview");
  const done = draft.items.filter((i) => i.answer !== null).length;
  return (
    <Card
      title={`${r.member.name} · ${r.meeting.topic}`}
      extra={
        <Space wrap>
          <Tag color={r.status === "submitted" ? "green" : undefined}>
            {t(`review.status.${r.status}`)}
          </Tag>
          <Button icon={<DownloadOutlined />} href={materialUrl(r.id)} download>
            {t("review.meeting.exportMaterial")}
          </Button>
        </Space>
      }
    >
      {r.status === "returned" && r.returnComment && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t("review.self.returned", { comment: r.returnComment })}
        />
      )}
      {r.status === "submitted" && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title={t("review.self.submittedAt", { at: r.submittedAt?.replace("T", " ") })}
        />
      )}
      <ErrorAlert
        error={
          (failedAt || overviewError ? null : failed) ?? unplacedError(sendBack.error, ["comment"])
        }
      />
      <Typography.Paragraph type="secondary">{t("review.self.intro")}</Typography.Paragraph>
      <Form layout="vertical" disabled={!editable}>
        <Form.Item
          label={t("review.self.overview")}
          htmlFor="self-review-overview"
          validateStatus={overviewError ? "error" : undefined}
          help={overviewError}
        >
          <Input.TextArea
            id="self-review-overview"
            value={draft.overview}
            autoSize={{ minRows: 3 }}
            onChange={(e) => setDraft({ ...draft, overview: e.target.value })}
          />
        </Form.Item>
        {draft.items.map((item) => (
          <Card
            key={item.seq}
            size="small"
            style={{ marginBottom: 12 }}
            data-testid={`item-${item.seq}`}
          >
            <Typography.Paragraph>
              <Typography.Text strong>{item.articleLabel}　</Typography.Text>
              {item.provisionText}
            </Typography.Paragraph>
            <Form.Item
              style={{ marginBottom: 0 }}
              validateStatus={errorAt(`items.${item.seq}.answer`) ? "error" : undefined}
              help={errorAt(`items.${item.seq}.answer`)}
            >
              <Radio.Group
                value={item.answer}
                onChange={(e) => setItem(item.seq, { answer: e.target.value })}
                options={[
                  { value: "meets", label: t("review.self.meets") },
                  { value: "gap", label: t("review.self.gap") },
                ]}
              />
            </Form.Item>
            {item.answer === "gap" &&
              PARTS.map((part) => (
                <Form.Item
                  key={part}
                  label={t(`review.self.${part}`)}
                  style={{ marginTop: 12, marginBottom: 0 }}
                  validateStatus={errorAt(`items.${item.seq}.${part}`) ? "error" : undefined}
                  help={errorAt(`items.${item.seq}.${part}`)}
                >
                  <Input.TextArea
                    value={item[part]}
                    autoSize={{ minRows: 2 }}
                    aria-label={`${item.articleLabel} ${t(`review.self.${part}`)}`}
                    onChange={(e) => setItem(item.seq, { [part]: e.target.value })}
                  />
                </Form.Item>
              ))}
          </Card>
        ))}
      </Form>
      <Space wrap style={{ marginTop: 8 }}>
        <Typography.Text type="secondary">
          {t("review.self.progress", { done, total: draft.items.length })}
          {editable && ` · ${save.isPending ? t("review.self.saving") : t("review.self.saved")}`}
        </Typography.Text>
        {editable && (
          <Button
            type="primary"
            loading={submit.isPending}
            onClick={() =>
              modal.confirm({
                title: t("review.self.submitConfirm"),
                // A refused line shows its error under that line, so the dialog closes either way.
                onOk: () => submit.mutateAsync(draft).catch(() => undefined),
              })
            }
          >
            {t("review.self.submit")}
          </Button>
        )}
        {r.can.return && (
          <Space.Compact>
            <Input
              status={messageAt(sendBack.error, "comment") ? "error" : undefined}
              placeholder={t("review.self.returnComment")}
              value={returnComment}
              onChange={(e) => setReturnComment(e.target.value)}
            />
            <Button onClick={() => sendBack.mutate()} disabled={!returnComment.trim()}>
              {t("review.self.returnAction")}
            </Button>
          </Space.Compact>
        )}
        {messageAt(sendBack.error, "comment") && (
          <Typography.Text type="danger">{messageAt(sendBack.error, "comment")}</Typography.Text>
        )}
      </Space>
    </Card>
  );
}

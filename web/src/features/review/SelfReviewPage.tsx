import { DownloadOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Form, Input, Radio, Space, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { PageSkeleton } from "../../shared/ui/PageSkeleton";
import { useAutosave } from "./autosave";
import {
  getSelfReview,
  materialUrl,
  returnSelfReview,
  type SelfReviewDetail,
  saveDraft,
  submitSelfReview,
} from "./review.api";

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

/** One 对照检查材料: a line per binding provision, saved as the member types. */
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

  if (query.isLoading || (query.data && !draft)) return <PageSkeleton />;
  const r = query.data;
  if (!r || !draft) return <ErrorAlert error={query.error} onRetry={() => query.refetch()} />;
  const setItem = (seq: number, change: Partial<Item>) =>
    setDraft(
      (d) => d && { ...d, items: d.items.map((i) => (i.seq === seq ? { ...i, ...change } : i)) },
    );
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
      <ErrorAlert error={submit.error ?? save.error ?? sendBack.error} />
      <Typography.Paragraph type="secondary">{t("review.self.intro")}</Typography.Paragraph>
      <Form layout="vertical" disabled={!editable}>
        <Form.Item label={t("review.self.overview")} htmlFor="self-review-overview">
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
            <Radio.Group
              value={item.answer}
              onChange={(e) => setItem(item.seq, { answer: e.target.value })}
              options={[
                { value: "meets", label: t("review.self.meets") },
                { value: "gap", label: t("review.self.gap") },
              ]}
            />
            {item.answer === "gap" &&
              (["problem", "cause", "measure"] as const).map((part) => (
                <Form.Item
                  key={part}
                  label={t(`review.self.${part}`)}
                  style={{ marginTop: 12, marginBottom: 0 }}
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
                onOk: () => submit.mutateAsync(draft),
              })
            }
          >
            {t("review.self.submit")}
          </Button>
        )}
        {r.can.return && (
          <Space.Compact>
            <Input
              placeholder={t("review.self.returnComment")}
              value={returnComment}
              onChange={(e) => setReturnComment(e.target.value)}
            />
            <Button onClick={() => sendBack.mutate()} disabled={!returnComment.trim()}>
              {t("review.self.returnAction")}
            </Button>
          </Space.Compact>
        )}
      </Space>
    </Card>
  );
}

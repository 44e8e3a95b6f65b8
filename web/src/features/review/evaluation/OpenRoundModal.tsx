import { Alert, DatePicker, Form, InputNumber } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { FormModal } from "../../../shared/ui/FormModal";
import { openRound, type RoundDetail } from "../review.api";

interface Values {
  year: number;
  summaryDue: Dayjs;
  voteDue: Dayjs;
  decideDue: Dayjs;
}

const DATES = ["summaryDue", "voteDue", "decideDue"] as const;

/**
 * 开始民主评议 asks first: it notifies every member, and its timetable (个人总结 → 投票 → 评定)
 * is what members and the committee above will read. A date out of order is refused at its
 * field by the server.
 */
export function OpenRoundModal({
  org,
  open,
  onClose,
  onOpened,
}: {
  org: { orgId: number; orgName: string };
  open: boolean;
  onClose: () => void;
  onOpened: (r: RoundDetail) => void;
}) {
  const { t } = useTranslation();
  const today = dayjs();
  return (
    <FormModal<Values>
      open={open}
      title={t("review.round.openTitle")}
      okText={t("review.round.open")}
      fields={["year", ...DATES]}
      initialValues={{
        year: today.year(),
        summaryDue: today.add(7, "day"),
        voteDue: today.add(14, "day"),
        decideDue: today.add(21, "day"),
      }}
      onSubmit={async (v) => {
        const day = (d: Dayjs) => d.format("YYYY-MM-DD");
        onOpened(
          await openRound({
            orgId: org.orgId,
            year: v.year,
            summaryDue: day(v.summaryDue),
            voteDue: day(v.voteDue),
            decideDue: day(v.decideDue),
          }),
        );
      }}
      onClose={onClose}
    >
      {(form) => (
        <>
          <Form.Item name="year" label={t("review.round.year")} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} style={{ width: 120 }} />
          </Form.Item>
          {DATES.map((name) => (
            <Form.Item
              key={name}
              name={name}
              label={t(`review.round.${name}`)}
              rules={[{ required: true }]}
            >
              <DatePicker style={{ width: "100%" }} />
            </Form.Item>
          ))}
          <Form.Item noStyle shouldUpdate>
            {() => (
              <Alert
                type="info"
                showIcon
                title={t("review.round.openConfirm", {
                  org: org.orgName,
                  year: form.getFieldValue("year"),
                })}
              />
            )}
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

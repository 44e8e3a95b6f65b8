import { useQueryClient } from "@tanstack/react-query";
import {
  App,
  Button,
  Col,
  DatePicker,
  Drawer,
  Form,
  Grid,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Switch,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CreateMemberBody } from "../../../../server/src/modules/members/members.schemas.ts";
import { applyApiError } from "../../shared/form-errors";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { OrgSearch } from "../orgs/OrgSearch";
import { createMember, type MemberDetail, updateMember } from "./members.api";

interface Values {
  name: string;
  gender: "male" | "female";
  ethnicity?: string;
  birthDate: Dayjs;
  idNumber?: string;
  phone?: string;
  status: "full" | "probationary";
  joinedOn: Dayjs;
  confirmedOn?: Dayjs | null;
  isCadre: boolean;
  position?: string;
  orgId?: number;
}

const FIELDS = [
  "name",
  "gender",
  "ethnicity",
  "birthDate",
  "idNumber",
  "phone",
  "status",
  "joinedOn",
  "confirmedOn",
  "isCadre",
  "position",
  "orgId",
  "legacy",
];
const day = (d: Dayjs | null | undefined) => (d ? d.format("YYYY-MM-DD") : null);
const blank = (s: string | undefined) => (s?.trim() ? s.trim() : null);

/**
 * Create or edit a member. The client checks only what a person can see at a glance; the
 * roster rules (ID checksum, dates in order, gender against the ID) are the server's, and
 * each broken one comes back at its field.
 */
export function MemberFormDrawer({
  open,
  member,
  defaultOrg,
  onClose,
}: {
  open: boolean;
  member?: MemberDetail;
  defaultOrg?: { id: number; name: string } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const isCadre = Form.useWatch("isCadre", form);
  const status = Form.useWatch("status", form);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (member) {
      form.setFieldsValue({
        ...member,
        ethnicity: member.ethnicity ?? undefined,
        position: member.position ?? undefined,
        birthDate: member.birthDate ? dayjs(member.birthDate) : undefined,
        joinedOn: dayjs(member.joinedOn),
        confirmedOn: member.confirmedOn ? dayjs(member.confirmedOn) : null,
      });
    } else {
      form.setFieldsValue({
        gender: "male",
        status: "full",
        isCadre: false,
        orgId: defaultOrg?.id,
      });
    }
  }, [open, member, defaultOrg, form]);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    const common = {
      name: v.name,
      gender: v.gender,
      // The server holds the list of 民族 and names an unknown one at this field.
      ethnicity: blank(v.ethnicity) as CreateMemberBody["ethnicity"],
      birthDate: day(v.birthDate) ?? "",
      phone: blank(v.phone),
      status: v.status,
      joinedOn: day(v.joinedOn) ?? "",
      confirmedOn: v.status === "full" ? day(v.confirmedOn) : null,
      isCadre: v.isCadre,
      position: v.isCadre ? blank(v.position) : null,
    };
    try {
      if (member) {
        const idNumber = blank(v.idNumber);
        await updateMember(member.id, { ...common, ...(idNumber ? { idNumber } : {}) });
        message.success(t("members.saved", { name: v.name }));
      } else {
        await createMember({ ...common, idNumber: v.idNumber ?? "", orgId: v.orgId ?? 0 });
        message.success(t("members.createdMsg", { name: v.name }));
      }
      await client.invalidateQueries({ queryKey: ["members"] });
      await client.invalidateQueries({ queryKey: ["member"] });
      await client.invalidateQueries({ queryKey: ["org"] });
      onClose();
    } catch (e) {
      if (!applyApiError(form, e, FIELDS)) setError(e);
    } finally {
      setBusy(false);
    }
  };

  const col = { xs: 24, sm: 12 };
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={member ? t("members.editTitle", { name: member.name }) : t("members.create")}
      size={screens.md ? 640 : "100%"}
      destroyOnHidden
      forceRender
      extra={
        <Space>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()}>
            {t("common.save")}
          </Button>
        </Space>
      }
    >
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional">
        <Row gutter={16}>
          <Col {...col}>
            <Form.Item
              name="name"
              label={t("members.field.name")}
              rules={[
                { required: true, whitespace: true, message: t("members.rule.name") },
                { max: 50 },
              ]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="gender" label={t("members.field.gender")} rules={[{ required: true }]}>
              <Radio.Group
                options={[
                  { value: "male", label: t("members.gender.male") },
                  { value: "female", label: t("members.gender.female") },
                ]}
              />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item
              name="idNumber"
              label={t("members.field.idNumber")}
              extra={member ? t("members.idKeep", { masked: member.idNumberMasked }) : undefined}
              rules={[
                { required: !member, message: t("members.rule.idNumber") },
                { pattern: /^[1-9][0-9]{16}[0-9Xx]$/, message: t("members.rule.idNumber") },
              ]}
            >
              <Input maxLength={18} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item
              name="birthDate"
              label={t("members.field.birthDate")}
              rules={[{ required: true, message: t("members.rule.date") }]}
            >
              <DatePicker style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="ethnicity" label={t("members.field.ethnicity")}>
              <Input placeholder={t("members.ethnicityPlaceholder")} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item
              name="phone"
              label={t("members.field.phone")}
              extra={
                member?.phoneMasked
                  ? t("members.phoneKeep", { masked: member.phoneMasked })
                  : undefined
              }
              rules={[{ pattern: /^1[3-9][0-9]{9}$/, message: t("members.rule.phone") }]}
            >
              <Input maxLength={11} inputMode="tel" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="status" label={t("members.field.status")} rules={[{ required: true }]}>
              <Select
                options={[
                  { value: "full", label: t("members.status.full") },
                  { value: "probationary", label: t("members.status.probationary") },
                ]}
              />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item
              name="joinedOn"
              label={t("members.field.joinedOn")}
              rules={[{ required: true, message: t("members.rule.date") }]}
            >
              <DatePicker style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          {status === "full" && (
            <Col {...col}>
              <Form.Item name="confirmedOn" label={t("members.field.confirmedOn")}>
                <DatePicker style={{ width: "100%" }} />
              </Form.Item>
            </Col>
          )}
          {!member && (
            <Col {...col}>
              <Form.Item
                name="orgId"
                label={t("members.field.org")}
                rules={[{ required: true, message: t("members.rule.org") }]}
              >
                <OrgField
                  initial={defaultOrg?.name}
                  onPick={(id) => form.setFieldValue("orgId", id)}
                />
              </Form.Item>
            </Col>
          )}
          <Col {...col}>
            <Form.Item name="isCadre" label={t("members.field.cadre")} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          {isCadre && (
            <Col {...col}>
              <Form.Item
                name="position"
                label={t("members.field.position")}
                rules={[
                  { required: true, whitespace: true, message: t("members.rule.position") },
                  { max: 50 },
                ]}
              >
                <Input />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </Drawer>
  );
}

/** Org picker inside a Form.Item: the item holds the id, the search box shows the name. */
function OrgField({
  initial,
  onPick,
}: {
  initial?: string;
  onPick: (id: number) => void;
  value?: number;
}) {
  const { t } = useTranslation();
  return <OrgSearch placeholder={initial || t("members.pickOrg")} onPick={(o) => onPick(o.id)} />;
}

import { useMutation } from "@tanstack/react-query";
import {
  type DecryptionShare,
  generateTrusteeKey,
  partialDecrypt,
  trusteeContext,
} from "@wanggui/ballot";
import { Alert, App, Button, Card, List, Select, Space, Tag, Typography, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { messageAt, unplacedError } from "../../../shared/form-errors";
import { ErrorAlert } from "../../../shared/ui/ErrorAlert";
import {
  type RoundDetail,
  restartRound,
  setTrustees,
  submitDecryption,
  submitTrusteeKey,
} from "../review.api";
import {
  checkKey,
  downloadKey,
  forgetKey,
  keepKey,
  keptKey,
  type TrusteeKeyFile,
} from "./trustee-key-file";

/**
 * 计票人: the manager names them; each makes a key share in their own browser before voting
 * and decrypts their share of the totals after it. Only totals are ever decrypted.
 */
export function TrusteePanel({
  r,
  onChange,
}: {
  r: RoundDetail;
  onChange: (r: RoundDetail) => void;
}) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const me = r.me?.memberId;
  const mine = r.trustees.find((x) => x.memberId === me);
  const [chosen, setChosen] = useState<number[]>(r.trustees.map((x) => x.memberId));
  const [needFile, setNeedFile] = useState(false);

  const choose = useMutation({ mutationFn: () => setTrustees(r.id, chosen), onSuccess: onChange });
  const makeKey = useMutation({
    mutationFn: async () => {
      const key = generateTrusteeKey(trusteeContext(r.id, me as number));
      const file: TrusteeKeyFile = {
        kind: "wanggui-trustee-key",
        roundId: r.id,
        memberId: me as number,
        publicKey: key.publicKey,
        secret: key.secret,
      };
      keepKey(file);
      downloadKey(file, `计票密钥-${r.org.name}-${r.year}-${mine?.name ?? ""}.json`);
      return submitTrusteeKey(r.id, { publicKey: key.publicKey, proof: key.proof });
    },
    onSuccess: onChange,
  });
  const decrypt = useMutation({
    mutationFn: async (file: TrusteeKeyFile) => {
      const context = trusteeContext(r.id, file.memberId);
      const shares: DecryptionShare[] = partialDecrypt(context, file.secret, r.encryptedTallies);
      const next = await submitDecryption(r.id, {
        shares: r.encryptedTallies.map((x, i) => ({
          memberId: x.memberId,
          grade: x.grade,
          ...(shares[i] as DecryptionShare),
        })),
      });
      forgetKey(r.id, file.memberId);
      return next;
    },
    onSuccess: onChange,
  });
  const restart = useMutation({ mutationFn: () => restartRound(r.id), onSuccess: onChange });

  const startDecrypt = () => {
    const kept = mine?.publicKey ? keptKey(r.id, mine.memberId, mine.publicKey) : null;
    if (kept) decrypt.mutate(kept);
    else setNeedFile(true);
  };
  const readFile = async (file: File) => {
    const key = mine?.publicKey
      ? checkKey(await file.text(), r.id, mine.memberId, mine.publicKey)
      : null;
    if (key) decrypt.mutate(key);
    else message.error(t("review.ballot.wrongKeyFile"));
    return false;
  };

  const stateOf = (x: RoundDetail["trustees"][number]) =>
    x.shared ? (
      <Tag color="green">{t("review.ballot.shared")}</Tag>
    ) : x.keyed ? (
      <Tag color="blue">{t("review.ballot.keyed")}</Tag>
    ) : (
      <Tag>{t("review.ballot.keyPending")}</Tag>
    );

  return (
    <Card title={t("review.ballot.trustees")}>
      <Space direction="vertical" style={{ width: "100%" }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t("review.ballot.trusteesHelp")}
        </Typography.Paragraph>
        <ErrorAlert
          error={
            unplacedError(choose.error, ["memberIds"]) ??
            makeKey.error ??
            decrypt.error ??
            restart.error
          }
        />
        {r.trustees.length === 0 && !r.can.chooseTrustees && (
          <Alert type="info" title={t("review.ballot.noTrustees")} />
        )}
        {r.trustees.length > 0 && (
          <List
            size="small"
            dataSource={r.trustees}
            renderItem={(x) => (
              <List.Item>
                <Space wrap>
                  <span>{x.name}</span>
                  {stateOf(x)}
                </Space>
              </List.Item>
            )}
          />
        )}
        {r.can.chooseTrustees && (
          <Space wrap>
            <Select
              mode="multiple"
              showSearch={{ optionFilterProp: "label" }}
              aria-label={t("review.ballot.chooseTrustees")}
              placeholder={t("review.ballot.chooseTrustees")}
              style={{ minWidth: 240, maxWidth: "100%" }}
              value={chosen}
              status={messageAt(choose.error, "memberIds") ? "error" : undefined}
              onChange={setChosen}
              options={r.members
                .filter((m) => m.mayVote)
                .map((m) => ({ value: m.memberId, label: m.name }))}
            />
            <Button
              disabled={chosen.length < 2}
              loading={choose.isPending}
              onClick={() => choose.mutate()}
            >
              {t("review.ballot.saveTrustees")}
            </Button>
          </Space>
        )}
        {r.can.chooseTrustees && messageAt(choose.error, "memberIds") && (
          <Typography.Text type="danger" role="alert">
            {messageAt(choose.error, "memberIds")}
          </Typography.Text>
        )}
        {r.can.key && (
          <Alert
            type="warning"
            showIcon
            title={t("review.ballot.keyWarningTitle")}
            description={t("review.ballot.keyWarning")}
            action={
              <Button type="primary" loading={makeKey.isPending} onClick={() => makeKey.mutate()}>
                {t("review.ballot.makeKey")}
              </Button>
            }
          />
        )}
        {r.can.decrypt && (
          <Alert
            type="info"
            showIcon
            title={t("review.ballot.decryptTitle")}
            description={
              needFile ? (
                <Space direction="vertical">
                  <span>{t("review.ballot.chooseKeyFile")}</span>
                  <Upload
                    accept=".json,application/json"
                    showUploadList={false}
                    beforeUpload={readFile}
                  >
                    <Button>{t("review.ballot.openKeyFile")}</Button>
                  </Upload>
                </Space>
              ) : (
                t("review.ballot.decryptHelp")
              )
            }
            action={
              needFile ? null : (
                <Button type="primary" loading={decrypt.isPending} onClick={startDecrypt}>
                  {t("review.ballot.decrypt")}
                </Button>
              )
            }
          />
        )}
        {r.can.restart && r.trustees.some((x) => x.keyed) && (
          <Button
            danger
            size="small"
            onClick={() =>
              modal.confirm({
                title: t("review.ballot.restartConfirmTitle"),
                content: t("review.ballot.restartConfirm"),
                okButtonProps: { danger: true },
                onOk: () => restart.mutateAsync(),
              })
            }
          >
            {t("review.ballot.restart")}
          </Button>
        )}
      </Space>
    </Card>
  );
}

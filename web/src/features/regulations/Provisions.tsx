import { EditOutlined } from "@ant-design/icons";
import { Button, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CorrectionDialog } from "./CorrectionDialog";
import { KindChip, SubjectChips } from "./chips";
import type { Binds, Provision } from "./regulations.api";

function ProvisionItem({
  provision,
  dimFor,
  canAnnotate,
  showText,
  onCorrect,
}: {
  provision: Provision;
  /** False when the provision is the whole article, already read just above. */
  showText: boolean;
  /** Set when the binds filter is on and this provision does not bind that reader. */
  dimFor?: Binds;
  canAnnotate: boolean;
  onCorrect: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { correction, automatic } = provision;
  return (
    <div
      className={dimFor ? "wg-provision wg-dim" : "wg-provision"}
      data-testid="provision"
      id={`provision-${provision.id}`}
    >
      <Space wrap size={[0, 4]}>
        <KindChip kind={provision.kind} />
        <SubjectChips subjects={provision.subjects} />
        {dimFor && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("reader.binds.notBinding", { who: t(`reader.who.${dimFor}`) })}
          </Typography.Text>
        )}
        {canAnnotate && (
          <Button
            size="small"
            type="link"
            icon={<EditOutlined />}
            onClick={onCorrect}
            className="wg-no-print"
          >
            {t("reader.correction.action")}
          </Button>
        )}
      </Space>
      {showText && <div className="wg-provision-text">{provision.text}</div>}
      {correction && (
        <div className="wg-correction">
          <div>
            <Typography.Text type="secondary">{t("reader.correction.automatic")} </Typography.Text>
            <KindChip kind={automatic.kind} />
            <SubjectChips subjects={automatic.subjects} />
          </div>
          <div>
            <Typography.Text type="secondary">{t("reader.correction.corrected")} </Typography.Text>
            <KindChip kind={correction.kind} />
            <SubjectChips subjects={correction.subjects} />
          </div>
          <div>{correction.note}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("reader.correction.by", {
              who: correction.correctedBy,
              at: new Date(correction.correctedAt).toLocaleString(i18n.language),
            })}
          </Typography.Text>
        </div>
      )}
    </div>
  );
}

/**
 * The article's provisions with their kind and subject chips. The correction stored by a
 * 党务工作者 is shown beside the automatic annotation, never instead of it, so a reader can
 * see what the machine said and what a person decided.
 */
export function Provisions({
  provisions,
  articleText,
  label,
  bindingIds,
  binds,
  canAnnotate,
}: {
  provisions: readonly Provision[];
  articleText: string;
  label: string;
  bindingIds: ReadonlySet<number> | undefined;
  binds: Binds | undefined;
  canAnnotate: boolean;
}) {
  const [editing, setEditing] = useState<Provision | null>(null);
  return (
    <>
      {provisions.map((p) => (
        <ProvisionItem
          key={p.id}
          provision={p}
          dimFor={bindingIds && binds && !bindingIds.has(p.id) ? binds : undefined}
          canAnnotate={canAnnotate}
          showText={provisions.length > 1 || p.text !== articleText}
          onCorrect={() => setEditing(p)}
        />
      ))}
      {canAnnotate && (
        <CorrectionDialog provision={editing} label={label} onClose={() => setEditing(null)} />
      )}
    </>
  );
}

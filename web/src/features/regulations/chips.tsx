import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { Kind, Subject } from "./regulations.api";

/**
 * One colour per modality, so a reader skimming a chapter sees the 不得 at a glance: the
 * binding modalities are strong (prohibition red, obligation blue), the permissive ones
 * soft, the structural ones (purpose, commencement…) plain.
 */
export const KIND_COLORS: Record<Kind, string> = {
  prohibition: "red",
  obligation: "blue",
  encouragement: "green",
  permission: "cyan",
  liability: "volcano",
  applicability: "geekblue",
  definition: "purple",
  purpose: "default",
  interpretation: "default",
  commencement: "default",
  statement: "default",
};

const isKind = (kind: string): kind is Kind => kind in KIND_COLORS;
export const ALL_KINDS = Object.keys(KIND_COLORS) as Kind[];

// Typed as a record so a subject added to the API's list fails the type check here.
const SUBJECT_SET: Record<Subject, true> = {
  member: true,
  cadre: true,
  organization: true,
  department: true,
  military_member: true,
};
export const ALL_SUBJECTS = Object.keys(SUBJECT_SET) as Subject[];

export function KindChip({ kind }: { kind: string }) {
  const { t } = useTranslation();
  // A kind the reader does not know yet still shows, as its code, rather than vanishing.
  if (!isKind(kind)) return <Tag>{kind}</Tag>;
  return (
    <Tag color={KIND_COLORS[kind]} data-kind={kind}>
      {t(`reader.kind.${kind}`)}
    </Tag>
  );
}

export function SubjectChips({ subjects }: { subjects: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <>
      {subjects.map((s) => (
        <Tag key={s} variant="outlined" data-subject={s}>
          {t(`reader.subject.${s as Subject}`, { defaultValue: s })}
        </Tag>
      ))}
    </>
  );
}

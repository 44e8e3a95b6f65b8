import {
  DiffOutlined,
  DownloadOutlined,
  EllipsisOutlined,
  ImportOutlined,
  PrinterOutlined,
  UnorderedListOutlined,
} from "@ant-design/icons";
import { Button, Dropdown, Input, type MenuProps, Segmented, Select, Tag } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate, useSearchParams } from "react-router";
import { useSession } from "../../shared/session";
import { bindsChoices } from "./binding";
import { useMyBinds } from "./queries";
import { docPath, type ReaderState, stateQuery } from "./reader-links";
import { type Binds, EXPORT_FORMATS, exportUrl, type RegulationDocument } from "./regulations.api";

type Version = RegulationDocument["versions"][number];

export function versionLabel(v: Version, t: TFunction) {
  const date = v.effectiveOn ?? v.issuedOn;
  return date
    ? t("reader.versionOption", { no: v.versionNo, date })
    : t("reader.versionOptionNoDate", { no: v.versionNo });
}

/**
 * Version, search, "what binds me" and the document's actions. On a phone the actions fold
 * into one menu and the contents open in a drawer, so the bar stays two short rows.
 */
export function Toolbar({
  document,
  state,
  phone,
  onOpenContents,
}: {
  document: RegulationDocument;
  state: ReaderState;
  phone: boolean;
  onOpenContents: () => void;
}) {
  const { t } = useTranslation();
  const mine = useMyBinds();
  const canImport = useSession().data?.permissions.includes("regulations:write") ?? false;
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const latest = document.versions[0]?.versionNo;
  const base = docPath(document.id);

  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  // The latest version needs no parameter: links to it stay valid when a newer one arrives.
  const pickVersion = (v: number) => setParam("version", v === latest ? undefined : String(v));

  const exportItems = EXPORT_FORMATS.map((format) => ({
    key: `export-${format}`,
    icon: <DownloadOutlined />,
    label: (
      <a href={exportUrl(document.id, format, state.version)} download>
        {t(`reader.export.${format}`)}
      </a>
    ),
  }));
  const diffItem = {
    key: "diff",
    icon: <DiffOutlined />,
    label: t("reader.diff.open"),
    disabled: document.versions.length < 2,
    onClick: () => navigate(`${base}/diff${stateQuery({ binds: state.binds })}`),
  };
  const printItem = {
    key: "print",
    icon: <PrinterOutlined />,
    label: t("reader.print.open"),
    onClick: () => navigate(`${base}/print${stateQuery({ version: state.version })}`),
  };
  const importItem = {
    key: "import",
    icon: <ImportOutlined />,
    label: t("reader.import.open"),
    onClick: () => navigate("/regulations/import"),
  };
  const moreItems: MenuProps["items"] = phone
    ? [diffItem, printItem, ...(canImport ? [importItem] : []), { type: "divider" }, ...exportItems]
    : exportItems;

  return (
    <div className="wg-toolbar wg-no-print">
      <div className="wg-toolbar-row">
        {phone && (
          <Button icon={<UnorderedListOutlined />} onClick={onOpenContents}>
            {t("reader.contents")}
          </Button>
        )}
        <Select
          aria-label={t("reader.version")}
          value={state.version ?? latest}
          onChange={pickVersion}
          popupMatchSelectWidth={false}
          options={document.versions.map((v) => ({
            value: v.versionNo,
            label: (
              <span>
                {versionLabel(v, t)}
                {v.versionNo === latest && (
                  <Tag color="red" style={{ marginInlineStart: 6 }}>
                    {t("reader.latest")}
                  </Tag>
                )}
              </span>
            ),
          }))}
        />
        <Input.Search
          key={location.key}
          aria-label={t("reader.searchPlaceholder")}
          placeholder={t("reader.searchPlaceholder")}
          defaultValue={params.get("q") ?? ""}
          allowClear
          enterButton
          className="wg-toolbar-search"
          onSearch={(q) => {
            if (q.trim()) navigate(`${base}/search${stateQuery(state, { q: q.trim() })}`);
          }}
        />
      </div>
      <div className="wg-toolbar-row">
        <span>{t("reader.binds.label")}</span>
        <Segmented<Binds | "all">
          value={state.binds ?? "all"}
          onChange={(v) => setParam("binds", v === "all" ? undefined : v)}
          options={bindsChoices(mine, state.binds).map((v) => ({
            value: v,
            label:
              v === mine
                ? t("reader.binds.mine", { who: t(`reader.binds.${v}`) })
                : t(`reader.binds.${v}`),
          }))}
        />
        {!phone && (
          <>
            <Button icon={<DiffOutlined />} disabled={diffItem.disabled} onClick={diffItem.onClick}>
              {diffItem.label}
            </Button>
            <Button icon={<PrinterOutlined />} onClick={printItem.onClick}>
              {printItem.label}
            </Button>
            {canImport && (
              <Button icon={<ImportOutlined />} onClick={importItem.onClick}>
                {importItem.label}
              </Button>
            )}
          </>
        )}
        <Dropdown menu={{ items: moreItems }} trigger={["click"]}>
          {phone ? (
            <Button icon={<EllipsisOutlined />} aria-label={t("reader.more")} />
          ) : (
            <Button icon={<DownloadOutlined />}>{t("reader.export.label")}</Button>
          )}
        </Dropdown>
      </div>
    </div>
  );
}

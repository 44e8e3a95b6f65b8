import type ExcelJS from "exceljs";
import { loadExcelJS } from "../../platform/xlsx.ts";
import { ETHNICITIES } from "../members/ethnicities.ts";
import { COLUMNS, type ColumnHeader, REQUIRED, SAMPLE_PREFIX } from "./roster-columns.ts";

const NOTES: Record<string, string> = {
  姓名: "必填，与身份证一致",
  性别: "必填：男 / 女（下拉选择）",
  民族: "选填，下拉选择，如：汉族、蒙古族",
  出生日期: "必填，格式 1990-01-31，须与身份证号一致",
  身份证号: "必填，18 位；本列已设为文本格式，请勿改为数字",
  手机号: "选填，11 位手机号码",
  所在党组织: "必填，填党支部或党小组的全称；有重名时填党组织编码（如 001002003）",
  人员类别: "必填：正式党员 / 预备党员（下拉选择）",
  入党日期: "必填，格式 2010-07-01",
  转正日期: "正式党员必填（预备党员不填），格式 2011-07-01",
  是否干部: "选填：是 / 否（下拉选择），默认否",
  职务: "是干部时必填，如：支部书记",
};

/** The example in row 2: a consistent person (the ID's birth date and sex match the row). */
const SAMPLE: Record<ColumnHeader, string> = {
  姓名: `${SAMPLE_PREFIX}张三`,
  性别: "男",
  民族: "汉族",
  出生日期: "1985-06-15",
  身份证号: "110101198506150019",
  手机号: "13800138000",
  所在党组织: "第一党支部",
  人员类别: "正式党员",
  入党日期: "2010-07-01",
  转正日期: "2011-07-01",
  是否干部: "否",
  职务: "",
};

/** Rows the dropdowns and text formats cover: the row cap plus the header and example. */
const LAST_ROW = 100_002;
const CHOICES: Partial<Record<ColumnHeader, string>> = {
  性别: '"男,女"',
  人员类别: '"正式党员,预备党员"',
  是否干部: '"是,否"',
  民族: `选项!$A$1:$A$${ETHNICITIES.length}`,
};

/** ExcelJS validates whole ranges at run time but types only per-cell validation. */
function rangeValidations(sheet: ExcelJS.Worksheet) {
  return (
    sheet as unknown as {
      dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
    }
  ).dataValidations;
}

function letter(header: ColumnHeader): string {
  return String.fromCharCode(65 + COLUMNS.findIndex((c) => c.header === header));
}

/**
 * The roster template: a header whose required columns carry a red *, an example row (skipped
 * on import), dropdowns for the enumerated columns, text-formatted ID and phone columns, and a
 * sheet of instructions.
 */
export async function rosterTemplate(): Promise<Buffer> {
  const workbook = new (await loadExcelJS()).Workbook();
  const sheet = workbook.addWorksheet("党员名册", {
    views: [{ state: "frozen", ySplit: 1 }],
    pageSetup: {
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  sheet.columns = COLUMNS.map((c) => ({ key: c.field, width: c.width + 2 }));
  const required = new Set<string>(REQUIRED);
  const header = sheet.getRow(1);
  COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = required.has(c.header)
      ? {
          richText: [
            { text: c.header, font: { bold: true } },
            { text: "*", font: { bold: true, color: { argb: "FFCC0000" } } },
          ],
        }
      : c.header;
    cell.font = { bold: true };
    cell.note = NOTES[c.header] ?? "";
  });
  // Excel would turn an 18-digit number into 1.1E+17 and drop its last digits.
  sheet.getColumn("idNumber").numFmt = "@";
  sheet.getColumn("phone").numFmt = "@";
  const sample = sheet.getRow(2);
  COLUMNS.forEach((c, i) => {
    sample.getCell(i + 1).value = SAMPLE[c.header] || null;
  });
  sample.font = { italic: true, color: { argb: "FF808080" } };
  for (const [column, list] of Object.entries(CHOICES) as [ColumnHeader, string][]) {
    const col = letter(column);
    rangeValidations(sheet).add(`${col}2:${col}${LAST_ROW}`, {
      type: "list",
      allowBlank: true,
      formulae: [list],
      showErrorMessage: true,
      errorStyle: "stop",
      errorTitle: `${column}填写有误`,
      error: `请从下拉列表中选择${column}`,
    });
  }
  const help = workbook.addWorksheet("填写说明");
  help.columns = [
    { header: "列名", key: "column", width: 14 },
    { header: "填写要求", key: "note", width: 70 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of COLUMNS)
    help.addRow({
      column: required.has(c.header) ? `${c.header}*` : c.header,
      note: NOTES[c.header] ?? "",
    });
  help.addRow({});
  help.addRow({
    column: "说明",
    note: "带红色 * 的列必填。第 2 行是填写示例，导入时自动跳过，也可以删除。",
  });
  help.addRow({
    column: "",
    note: "上传后系统一次列出所有行的全部问题，确认无误后才会一次性写入；一次最多 100000 行。",
  });
  const options = workbook.addWorksheet("选项", { state: "veryHidden" });
  for (const e of ETHNICITIES) options.addRow([e]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

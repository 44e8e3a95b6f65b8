import ExcelJS from "exceljs";
import { COLUMNS } from "./roster-columns.ts";

const NOTES: Record<string, string> = {
  姓名: "必填，与身份证一致",
  性别: "必填：男 / 女",
  民族: "选填，如：汉族、蒙古族",
  出生日期: "必填，格式 1990-01-31，须与身份证号一致",
  身份证号: "必填，18 位；本列已设为文本格式，请勿改为数字",
  手机号: "选填，11 位手机号码",
  所在党组织: "必填，填党支部或党小组的全称；有重名时填党组织编码（如 001002003）",
  人员类别: "必填：正式党员 / 预备党员",
  入党日期: "必填，格式 2010-07-01",
  转正日期: "正式党员必填（预备党员不填），格式 2011-07-01",
  是否干部: "选填：是 / 否，默认否",
  职务: "是干部时必填，如：支部书记",
};

/** An empty roster with the header row, text-formatted ID column, and a sheet of instructions. */
export async function rosterTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("党员名册", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.field, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  // Excel would turn an 18-digit number into 1.1E+17 and drop its last digits.
  sheet.getColumn("idNumber").numFmt = "@";
  sheet.getColumn("phone").numFmt = "@";
  const help = workbook.addWorksheet("填写说明");
  help.columns = [
    { header: "列名", key: "column", width: 14 },
    { header: "填写要求", key: "note", width: 70 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of COLUMNS) help.addRow({ column: c.header, note: NOTES[c.header] ?? "" });
  help.addRow({});
  help.addRow({
    column: "说明",
    note: "上传后系统先逐行检查并列出错误，确认无误后才会一次性写入。",
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

import { describe, expect, it } from "vitest";
import { KIND_RULES, SUBJECT_RULES } from "./annotate-rules.ts";

const kindOf = (text: string) => KIND_RULES.find((r) => r.pattern.test(text))?.kind ?? "statement";
const subjectOf = (text: string) => SUBJECT_RULES.find((r) => r.pattern.test(text))?.subject;

describe("KIND_RULES", () => {
  it.each([
    ["为了规范党员网络行为，制定本规定。", "purpose"],
    ["本规定所称网络行为，是指……", "definition"],
    ["本规定由中共中央组织部负责解释。", "interpretation"],
    ["本规定自发布之日起施行。", "commencement"],
    ["党员违反本规定的，依规依纪追究责任", "liability"],
    ["涉嫌违法犯罪的，按照有关法律规定处理。", "liability"],
    ["军队党员实施网络行为，按照军队有关规定执行。", "applicability"],
    ["党员不得参与网络宗教活动", "prohibition"],
    ["严禁泄露秘密", "prohibition"],
    ["党员应当践行网上群众路线", "obligation"],
    ["党员要带头", "obligation"],
    ["各级党组织承担党员网络行为管理工作主体责任", "obligation"],
    ["有关部门负责管理工作", "obligation"],
    ["建立健全澄清正名和保护制度", "obligation"],
    ["党员可以提出意见", "permission"],
    ["鼓励党员讲好中国故事", "encouragement"],
    ["各级党组织应当鼓励和支持党员学网上网用网", "obligation"],
    ["反映群众的意见和要求", "statement"],
    ["作为党的建设的重要内容", "statement"],
  ])("%s → %s", (text, kind) => {
    expect(kindOf(text)).toBe(kind);
  });

  it("explains every rule", () => {
    for (const rule of [...KIND_RULES, ...SUBJECT_RULES]) expect(rule.why).not.toBe("");
  });
});

describe("SUBJECT_RULES", () => {
  it.each([
    ["党员", "member"],
    ["党员网络行为", "member"],
    ["党员干部", "cadre"],
    ["领导干部", "cadre"],
    ["各级党组织", "organization"],
    ["党支部", "organization"],
    ["党委", "organization"],
    ["各级组织、宣传和网信等部门在各自职责范围内", "department"],
    ["有关部门", "department"],
    ["军队党员", "military_member"],
    ["国家", undefined],
  ])("%s → %s", (text, subject) => {
    expect(subjectOf(text)).toBe(subject);
  });
});

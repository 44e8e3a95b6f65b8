import { annotate, type Provision } from "./annotate.ts";
import type { ProvisionKind, Subject } from "./annotate-rules.ts";
import type { Article, BodyNode, Division, Item, Paragraph, RegulationDocument } from "./types.ts";

export interface AknOptions {
  /** Date of this XML rendering (FRBRManifestation); defaults to the issue date. */
  generatedOn?: string;
}

const NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";
const UNKNOWN_DATE = "1900-01-01";
const ELEMENT: Record<Division["level"], string> = {
  part: "part",
  subpart: "subpart",
  chapter: "chapter",
  section: "section",
  supplementary: "hcontainer",
};
const KIND_LABEL: Record<ProvisionKind, string> = {
  obligation: "义务",
  prohibition: "禁止",
  encouragement: "鼓励",
  permission: "许可",
  purpose: "目的",
  definition: "定义",
  interpretation: "解释",
  commencement: "施行",
  liability: "责任",
  applicability: "适用",
  statement: "陈述",
};
const SUBJECT_LABEL: Record<Subject, string> = {
  member: "党员",
  cadre: "党员干部",
  organization: "党组织",
  department: "有关部门",
  military_member: "军队党员",
};

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/**
 * Akoma Ntoso 3.0 XML. Each provision is a <span> whose refersTo points at TLCConcept (kind)
 * and TLCRole (subjects) entries in meta/references; see docs/adr/0002.
 */
export function toAkn(doc: RegulationDocument, options: AknOptions = {}): string {
  const provisions = annotate(doc);
  const date = doc.issuedOn ?? UNKNOWN_DATE;
  const dateName = doc.issuedOn === null ? "unknown" : "issued";
  const work = `/akn/cn/act/${date}/${escapeXml(doc.title.replace(/[\s/]+/g, "-") || "untitled")}`;
  const expression = `${work}/zho@`;
  const body = doc.body.map((n) => node(n, provisions)).join("");
  const annexes = doc.annexes
    .map(
      (a) =>
        `<hcontainer name="annex" eId="${a.eId}"><heading>${escapeXml(a.heading)}</heading><content>${paragraphs(a.lines)}</content></hcontainer>`,
    )
    .join("");
  // <body> must not be empty; a text without articles keeps its words in the preamble.
  const placeholder =
    body === "" && annexes === ""
      ? `<hcontainer name="noArticles" eId="hcontainer_empty"><content><p/></content></hcontainer>`
      : "";
  const preamble =
    doc.preamble.length > 0 ? `<preamble>${paragraphs(doc.preamble)}</preamble>` : "";
  const source =
    doc.source === null
      ? ""
      : `<proprietary source="#wanggui"><wg:source xmlns:wg="urn:wanggui:regulation">${escapeXml(doc.source)}</wg:source></proprietary>`;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<akomaNtoso xmlns="${NS}"><act name="regulation"><meta>`,
    `<identification source="#wanggui">`,
    `<FRBRWork><FRBRthis value="${work}/!main"/><FRBRuri value="${work}"/>`,
    `<FRBRdate date="${date}" name="${dateName}"/><FRBRauthor href="#issuer"/>`,
    `<FRBRcountry value="cn"/><FRBRname value="${escapeXml(doc.title)}"/></FRBRWork>`,
    `<FRBRExpression><FRBRthis value="${expression}/!main"/><FRBRuri value="${expression}"/>`,
    `<FRBRdate date="${date}" name="${dateName}"/><FRBRauthor href="#issuer"/>`,
    `<FRBRlanguage language="zho"/></FRBRExpression>`,
    `<FRBRManifestation><FRBRthis value="${expression}/!main.xml"/><FRBRuri value="${expression}.akn"/>`,
    `<FRBRdate date="${options.generatedOn ?? date}" name="generation"/><FRBRauthor href="#wanggui"/>`,
    `</FRBRManifestation></identification>`,
    references(doc),
    source,
    `</meta>${preamble}<body>${body}${annexes}${placeholder}</body></act></akomaNtoso>`,
    "",
  ].join("\n");
}

function references(doc: RegulationDocument): string {
  const issuer = doc.issuer ?? "unknown";
  const concepts = Object.entries(KIND_LABEL).map(
    ([kind, label]) =>
      `<TLCConcept eId="${kind}" href="/ontology/concept/wanggui/${kind}" showAs="${label}"/>`,
  );
  const roles = Object.entries(SUBJECT_LABEL).map(
    ([subject, label]) =>
      `<TLCRole eId="${subject}" href="/ontology/role/wanggui/${subject}" showAs="${label}"/>`,
  );
  return [
    `<references source="#wanggui">`,
    `<TLCOrganization eId="wanggui" href="/ontology/organization/wanggui" showAs="网规"/>`,
    `<TLCOrganization eId="issuer" href="/ontology/organization/cn/${escapeXml(issuer)}" showAs="${escapeXml(issuer)}"/>`,
    ...concepts,
    ...roles,
    `</references>`,
  ].join("");
}

function node(n: BodyNode, provisions: Map<string, Provision[]>): string {
  return n.type === "article" ? article(n, provisions.get(n.eId) ?? []) : division(n, provisions);
}

function division(d: Division, provisions: Map<string, Provision[]>): string {
  const element = ELEMENT[d.level];
  const name = d.level === "supplementary" ? ` name="supplementaryProvisions"` : "";
  const num = d.label === "" ? "" : `<num>${escapeXml(d.label)}</num>`;
  const heading = d.heading === "" ? "" : `<heading>${escapeXml(d.heading)}</heading>`;
  const children = d.children.map((c) => node(c, provisions)).join("");
  const inner = children === "" ? "<content><p/></content>" : children;
  return `<${element}${name} eId="${d.eId}">${num}${heading}${inner}</${element}>`;
}

function article(a: Article, provisions: Provision[]): string {
  const inner =
    a.paragraphs.length === 0
      ? "<content><p/></content>"
      : a.paragraphs.map((p) => paragraph(p, provisions)).join("");
  return `<article eId="${a.eId}"><num>${escapeXml(a.label)}</num>${inner}</article>`;
}

function paragraph(p: Paragraph, provisions: Provision[]): string {
  if (p.items.length === 0) {
    return `<paragraph eId="${p.eId}"><content>${annotated(p.eId, p.text, provisions)}</content></paragraph>`;
  }
  const intro = p.text === "" ? "" : `<intro>${annotated(p.eId, p.text, provisions)}</intro>`;
  return `<paragraph eId="${p.eId}">${intro}${p.items.map((i) => point(i, provisions)).join("")}</paragraph>`;
}

function point(item: Item, provisions: Provision[]): string {
  const num = `<num>${escapeXml(item.num)}</num>`;
  if (item.subitems.length === 0) {
    return `<point eId="${item.eId}">${num}<content>${annotated(item.eId, item.text, provisions)}</content></point>`;
  }
  const intro =
    item.text === "" ? "" : `<intro>${annotated(item.eId, item.text, provisions)}</intro>`;
  const subs = item.subitems
    .map(
      (s) =>
        `<point eId="${s.eId}"><num>${escapeXml(s.num)}</num><content>${annotated(s.eId, s.text, provisions)}</content></point>`,
    )
    .join("");
  return `<point eId="${item.eId}">${num}${intro}${subs}</point>`;
}

/** The block's text as one <p>, each provision a <span> that refers to its kind and subjects. */
function annotated(eId: string, text: string, provisions: Provision[]): string {
  const spans = provisions
    .filter((p) => p.in === eId)
    .map((p) => {
      const refs = [p.kind, ...p.subjects].map((r) => `#${r}`).join(" ");
      return `<span refersTo="${refs}">${escapeXml(p.text)}</span>`;
    });
  return spans.length === 0 ? `<p>${escapeXml(text)}</p>` : `<p>${spans.join("")}</p>`;
}

function paragraphs(lines: string[]): string {
  return lines.map((l) => `<p>${escapeXml(l)}</p>`).join("");
}

import type { FieldCipher } from "../platform/crypto.ts";
import type { Tx } from "../platform/db/pool.ts";
import {
  type LoadedOrg,
  loadMembers,
  loadOrgs,
  type OrgKind,
  type PlannedOrg,
  reserveSerials,
} from "./load.ts";
import { createRandom } from "./names.ts";
import { seedMember } from "./roster.ts";

interface DemoNode {
  name: string;
  kind: OrgKind;
  members?: number;
  children?: DemoNode[];
}

/** 青山市: a city committee with three levels below it and fifteen member-holding units. */
export const DEMO_TREE: DemoNode = {
  name: "中共青山市委员会",
  kind: "committee",
  children: [
    {
      name: "中共青山市河西区委员会",
      kind: "committee",
      children: [
        {
          name: "中共河西区城关街道工作委员会",
          kind: "committee",
          children: [
            { name: "城关街道机关第一党支部", kind: "branch", members: 24 },
            { name: "城关街道幸福社区党支部", kind: "branch", members: 31 },
            { name: "城关街道东街社区党支部", kind: "branch", members: 27 },
          ],
        },
        {
          name: "河西区教育局党总支",
          kind: "general_branch",
          children: [
            { name: "河西区第一中学党支部", kind: "branch", members: 38 },
            { name: "河西区实验小学党支部", kind: "branch", members: 22 },
          ],
        },
      ],
    },
    {
      name: "中共青山市东湖县委员会",
      kind: "committee",
      children: [
        {
          name: "中共东湖县东湖镇委员会",
          kind: "committee",
          children: [
            { name: "东湖镇机关党支部", kind: "branch", members: 19 },
            {
              name: "东湖镇桃园村党支部",
              kind: "branch",
              children: [
                { name: "桃园村第一党小组", kind: "group", members: 12 },
                { name: "桃园村第二党小组", kind: "group", members: 11 },
              ],
            },
            { name: "东湖镇渔港村党支部", kind: "branch", members: 17 },
          ],
        },
        {
          name: "东湖县卫生健康局党总支",
          kind: "general_branch",
          children: [
            { name: "东湖县人民医院党支部", kind: "branch", members: 42 },
            { name: "东湖县疾病预防控制中心党支部", kind: "branch", members: 16 },
          ],
        },
      ],
    },
    {
      name: "中共青山市直属机关工作委员会",
      kind: "committee",
      children: [
        { name: "市委宣传部机关党支部", kind: "branch", members: 21 },
        { name: "市委网信办机关党支部", kind: "branch", members: 14 },
        { name: "市纪委监委机关党支部", kind: "branch", members: 18 },
      ],
    },
  ],
};

export interface DemoOrgs {
  byName: Map<string, LoadedOrg>;
  members: number;
}

export async function seedDemoOrgs(tx: Tx, cipher: FieldCipher): Promise<DemoOrgs> {
  const planned: PlannedOrg[] = [];
  const memberCounts: number[] = [];
  const walk = (node: DemoNode, parent: number | null) => {
    const index = planned.length;
    planned.push({ parent, kind: node.kind, name: node.name });
    memberCounts.push(node.members ?? 0);
    for (const child of node.children ?? []) walk(child, index);
  };
  walk(DEMO_TREE, null);
  const loaded = await loadOrgs(tx, planned);
  const random = createRandom(1921);
  let serial = await reserveSerials(
    tx,
    memberCounts.reduce((a, b) => a + b, 0),
  );
  function* rows() {
    for (let i = 0; i < loaded.length; i++) {
      for (let k = 0; k < (memberCounts[i] ?? 0); k++) {
        yield {
          org: loaded[i] as LoadedOrg,
          member: seedMember(random, serial++, k === 0 ? 1 : 1 / 10),
        };
      }
    }
  }
  const members = await loadMembers(tx, cipher, rows());
  return { byName: new Map(planned.map((p, i) => [p.name, loaded[i] as LoadedOrg])), members };
}

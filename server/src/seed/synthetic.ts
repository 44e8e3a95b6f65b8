import { type AuditActor, recordAudit } from "../platform/audit/record.ts";
import type { FieldCipher } from "../platform/crypto.ts";
import type { Tx } from "../platform/db/pool.ts";
import { loadIntoMembers } from "./bulk-load.ts";
import {
  type LoadedOrg,
  loadMemberBlocks,
  loadOrgs,
  type OrgKind,
  type PlannedOrg,
  reserveSerials,
} from "./load.ts";
import { createRandom, type Random } from "./names.ts";

const MAX_DEPTH = 8;
// How many children an inner node at each depth tends to have: a province has ~15 cities, a
// city ~10 counties, and the fan-out shrinks towards the grassroots.
const FANOUT: Record<number, [number, number]> = {
  1: [12, 18],
  2: [8, 14],
  3: [6, 12],
  4: [4, 10],
  5: [2, 8],
  6: [1, 5],
  7: [1, 4],
};
const PLACES = "青山河西东湖南岭凤凰白沙长乐新华金星红旗龙泉柳林桃源石门清溪云台松江梅岭";

interface Node {
  parent: number | null;
  depth: number;
  children: number[];
}

/**
 * Plans a tree of `orgCount` nodes shaped like a province: the frontier is expanded in random
 * order, so some lines reach depth 8 while others stop at a county's branches.
 */
export function planTree(orgCount: number, random: Random): PlannedOrg[] {
  const nodes: Node[] = [{ parent: null, depth: 1, children: [] }];
  const frontier = [0];
  while (nodes.length < orgCount && frontier.length > 0) {
    const at = random.int(0, frontier.length - 1);
    const index = frontier[at] as number;
    frontier[at] = frontier[frontier.length - 1] as number;
    frontier.pop();
    const node = nodes[index] as Node;
    if (node.depth >= MAX_DEPTH) continue;
    const [min, max] = FANOUT[node.depth] ?? [1, 3];
    const k = Math.min(random.int(min, max), orgCount - nodes.length, 999);
    for (let i = 0; i < k; i++) {
      node.children.push(nodes.length);
      frontier.push(nodes.length);
      nodes.push({ parent: index, depth: node.depth + 1, children: [] });
    }
  }
  const kinds = assignKinds(nodes, random);
  return nodes.map((node, i) => ({
    parent: node.parent,
    kind: kinds[i] as OrgKind,
    name: nameOf(node, kinds[i] as OrgKind, i, random),
  }));
}

function assignKinds(nodes: Node[], random: Random): OrgKind[] {
  const kinds: OrgKind[] = nodes.map(() => "branch");
  nodes.forEach((node, i) => {
    if (node.children.length === 0) return;
    const allLeaves = node.children.every((c) => nodes[c]?.children.length === 0);
    if (node.depth <= 3 || !allLeaves) {
      kinds[i] = "committee";
    } else if (random.next() < 0.15) {
      kinds[i] = "branch";
      for (const c of node.children) kinds[c] = "group";
    } else {
      kinds[i] = "general_branch";
    }
  });
  return kinds;
}

function nameOf(node: Node, kind: OrgKind, i: number, random: Random): string {
  const place = random.pick<string>(PLACES) + random.pick<string>(PLACES);
  if (node.depth === 1) return `中共${place}省合成测试委员会`;
  if (kind === "committee")
    return `中共${place}${["", "", "市", "县", "镇", "街道", "社区", "片区"][node.depth - 1]}委员会（${i}）`;
  if (kind === "general_branch") return `${place}第${i}党总支`;
  if (kind === "group") return `第${i}党小组`;
  return `${place}第${i}党支部`;
}

/** Spreads members over the member-holding orgs with the skew of real branches. */
export function memberCounts(planned: PlannedOrg[], total: number, random: Random): number[] {
  const groupParents = new Set(planned.flatMap((o) => (o.kind === "group" ? [o.parent] : [])));
  const weights = planned.map((org, i) => {
    const holds = org.kind === "group" || (org.kind === "branch" && !groupParents.has(i));
    // Log-normal: most branches hold 10-40 members, a few hold hundreds.
    return holds
      ? Math.exp(
          Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next()) * 0.8,
        )
      : 0;
  });
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  const counts = weights.map((w) => Math.floor((total * w) / sum));
  let left = total - counts.reduce((a, b) => a + b, 0);
  const holders = weights.flatMap((w, i) => (w > 0 ? [i] : []));
  while (left > 0 && holders.length > 0) {
    const i = random.pick(holders);
    counts[i] = (counts[i] ?? 0) + 1;
    left--;
  }
  return counts;
}

export interface SyntheticResult {
  orgs: number;
  members: number;
  rootCode: string;
}

export async function seedSynthetic(
  tx: Tx,
  cipher: FieldCipher,
  actor: AuditActor,
  opts: { members: number; orgs: number; seed?: number; threads?: number; blockSize?: number },
): Promise<SyntheticResult> {
  const random = createRandom(opts.seed ?? 20240114);
  const planned = planTree(opts.orgs, random);
  const loaded = await loadOrgs(tx, planned);
  const counts = memberCounts(planned, opts.members, random);
  const firstSerial = await reserveSerials(tx, opts.members);
  const ends: number[] = [];
  let sum = 0;
  for (const n of counts) {
    sum += n;
    ends.push(sum);
  }
  const members = await loadIntoMembers(tx, () =>
    loadMemberBlocks(
      tx,
      cipher,
      {
        seed: opts.seed ?? 20240114,
        firstSerial,
        orgIds: loaded.map((o) => o.id),
        orgPaths: loaded.map((o) => o.path),
        ends,
      },
      opts.members,
      opts,
    ),
  );
  const root = loaded[0] as LoadedOrg;
  await recordAudit(tx, actor, {
    action: "seed.synthetic",
    entityType: "org",
    entityId: root.id,
    orgPath: root.path,
    after: { orgs: loaded.length, members, seed: opts.seed ?? null },
  });
  return { orgs: loaded.length, members, rootCode: loaded[0]?.code ?? "" };
}

import type { Org } from "./orgs.api";

/**
 * The org tree as the page holds it: only the nodes loaded so far. Children arrive a page at
 * a time when a node is opened, so a 50,000-node tree costs what the user has expanded.
 */
export interface OrgNode {
  key: string;
  org: Org;
  isLeaf: boolean;
  /** Undefined until the children were fetched. */
  children?: OrgNode[];
  /** Children the server holds beyond those loaded (shown as a "load more" row). */
  remaining?: number;
  /** Pages of children loaded so far. */
  pagesLoaded?: number;
}

export const keyOf = (id: number) => String(id);

export function toNode(org: Org): OrgNode {
  return { key: keyOf(org.id), org, isLeaf: org.childCount === 0 };
}

function mapTree(
  nodes: OrgNode[],
  key: string,
  change: (node: OrgNode) => OrgNode | null,
): OrgNode[] {
  const out: OrgNode[] = [];
  for (const node of nodes) {
    if (node.key === key) {
      const next = change(node);
      if (next) out.push(next);
    } else if (node.children) {
      out.push({ ...node, children: mapTree(node.children, key, change) });
    } else {
      out.push(node);
    }
  }
  return out;
}

export function findNode(nodes: OrgNode[], key: string): OrgNode | undefined {
  for (const node of nodes) {
    if (node.key === key) return node;
    const found = node.children && findNode(node.children, key);
    if (found) return found;
  }
  return undefined;
}

/** Adds a fetched page of children; page 1 replaces what was there (a refresh). */
export function addChildren(
  nodes: OrgNode[],
  parentKey: string,
  page: { items: Org[]; total: number; page: number },
) {
  return mapTree(nodes, parentKey, (node) => {
    const kept = page.page === 1 ? [] : (node.children ?? []);
    const known = new Set(kept.map((c) => c.key));
    // Keep already-open subtrees when the same child comes back in a refreshed page.
    const previous = new Map((node.children ?? []).map((c) => [c.key, c]));
    const added = page.items
      .filter((o) => !known.has(keyOf(o.id)))
      .map((o) => {
        const old = previous.get(keyOf(o.id));
        return old ? { ...old, org: o, isLeaf: o.childCount === 0 } : toNode(o);
      });
    const children = [...kept, ...added];
    return {
      ...node,
      isLeaf: page.total === 0,
      children,
      remaining: Math.max(0, page.total - children.length),
      pagesLoaded: page.page,
    };
  });
}

/** Makes sure one child is present under its parent, e.g. a search hit beyond the loaded page. */
export function ensureChild(nodes: OrgNode[], parentKey: string, org: Org): OrgNode[] {
  return mapTree(nodes, parentKey, (node) => {
    if (node.children?.some((c) => c.key === keyOf(org.id))) return node;
    return { ...node, isLeaf: false, children: [...(node.children ?? []), toNode(org)] };
  });
}

export function replaceOrg(nodes: OrgNode[], org: Org): OrgNode[] {
  return mapTree(nodes, keyOf(org.id), (node) => ({
    ...node,
    org,
    isLeaf: org.childCount === 0 && !node.children?.length,
  }));
}

export function removeNode(nodes: OrgNode[], key: string): OrgNode[] {
  return mapTree(nodes, key, () => null);
}

/** Forgets a node's children so the next expand fetches them again. */
export function forgetChildren(nodes: OrgNode[], key: string): OrgNode[] {
  return mapTree(nodes, key, (node) => ({
    ...node,
    children: undefined,
    remaining: undefined,
    pagesLoaded: undefined,
    isLeaf: false,
  }));
}

/** Keys whose children are loaded, for the Tree's controlled `loadedKeys`. */
export function loadedKeys(nodes: OrgNode[]): string[] {
  return nodes.flatMap((n) => (n.children ? [n.key, ...loadedKeys(n.children)] : []));
}

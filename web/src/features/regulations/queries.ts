import { useQuery } from "@tanstack/react-query";
import { bindingIndex } from "./binding";
import { type Binds, getTree, listBinding, listDocuments } from "./regulations.api";

/** Every reader query starts with this key, so a correction refreshes them all at once. */
export const READER_KEY = "regulations";

export const useDocuments = () =>
  useQuery({ queryKey: [READER_KEY, "documents"], queryFn: listDocuments, staleTime: 300_000 });

export const useTree = (docId: number, version: number | undefined) =>
  useQuery({
    queryKey: [READER_KEY, docId, "tree", version],
    queryFn: () => getTree(docId, version),
    staleTime: 300_000,
  });

export const useBinding = (docId: number, binds: Binds | undefined, version: number | undefined) =>
  useQuery({
    queryKey: [READER_KEY, docId, "binds", binds, version],
    queryFn: async () => bindingIndex(await listBinding(docId, binds ?? "member", version)),
    enabled: binds !== undefined,
  });

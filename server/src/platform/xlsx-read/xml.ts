import { SaxesParser, type SaxesTagPlain } from "saxes";
import { entryBytes, type ZipEntry } from "./zip.ts";

/** What a reader of one XML part listens to; saxes calls these as the bytes arrive. */
export interface XmlHandlers {
  open?(tag: SaxesTagPlain): void;
  close?(name: string): void;
  text?(text: string): void;
}

/**
 * Parses one part of the package as it inflates, yielding after each slice so the caller can
 * hand on what the handlers gathered before more is read. A malformed part throws saxes's
 * error, which the workbook reader reports as an unreadable file.
 */
export async function* parsePart(
  zip: Buffer,
  entry: ZipEntry,
  maxBytes: number,
  handlers: XmlHandlers,
): AsyncGenerator<void> {
  const parser = new SaxesParser({ position: false, xmlns: false });
  if (handlers.open) parser.on("opentag", handlers.open);
  if (handlers.close) parser.on("closetag", (tag) => handlers.close?.(tag.name));
  if (handlers.text) {
    parser.on("text", handlers.text);
    parser.on("cdata", handlers.text);
  }
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for await (const chunk of entryBytes(zip, entry, maxBytes)) {
    parser.write(decoder.decode(chunk, { stream: true }));
    yield;
  }
  parser.write(decoder.decode());
  parser.close();
  yield;
}

/** Reads a small part whole: the package's relationships, the workbook, the styles. */
export async function readPart(
  zip: Buffer,
  entry: ZipEntry,
  maxBytes: number,
  handlers: XmlHandlers,
): Promise<void> {
  for await (const _ of parsePart(zip, entry, maxBytes, handlers));
}

/** An element's name without its namespace prefix: sheets written by some tools use x:row. */
export function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}

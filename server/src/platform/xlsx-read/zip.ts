import { Readable } from "node:stream";
import { createInflateRaw } from "node:zlib";

/** A file inside a zip archive, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  headerOffset: number;
}

/** The archive is not a zip this reader can take: truncated, not a zip, or zip64. */
export class ZipError extends Error {}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
/** Compressed bytes handed to the inflater at a time, so a large entry streams. */
const SLICE = 64 * 1024;

/**
 * The entries of a zip held in memory, by name. Read from the central directory (PKWARE's
 * APPNOTE, section 4.3), which holds every entry's sizes even when the writer streamed its
 * local headers without them, as ExcelJS and most spreadsheet writers do.
 */
export function zipEntries(zip: Buffer): Map<string, ZipEntry> {
  const end = findEndOfDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = new Map<string, ZipEntry>();
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== DIRECTORY_ENTRY)
      throw new ZipError("central directory entry out of place");
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    if (at + 46 + skip > zip.length) throw new ZipError("central directory truncated");
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    entries.set(name, {
      name,
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      headerOffset: zip.readUInt32LE(at + 42),
    });
    at += 46 + skip;
  }
  return entries;
}

function findEndOfDirectory(zip: Buffer): number {
  // The record is 22 bytes and may be followed by a comment of up to 65,535 bytes.
  const lowest = Math.max(0, zip.length - 22 - 0xffff);
  for (let at = zip.length - 22; at >= lowest; at--) {
    if (zip.readUInt32LE(at) === END_OF_DIRECTORY) return at;
  }
  throw new ZipError("no end of central directory");
}

/**
 * The entry's inflated bytes, a slice at a time, so a sheet of tens of megabytes never sits
 * in memory whole. Past `maxBytes` it stops with a ZipError: a small archive can inflate to
 * gigabytes.
 */
export async function* entryBytes(
  zip: Buffer,
  entry: ZipEntry,
  maxBytes: number,
): AsyncGenerator<Buffer> {
  const data = entryData(zip, entry);
  let total = 0;
  const counted = (chunk: Buffer) => {
    total += chunk.length;
    if (total > maxBytes) throw new ZipError(`${entry.name} inflates past ${maxBytes} bytes`);
    return chunk;
  };
  if (entry.method === STORED) {
    for (let at = 0; at < data.length; at += SLICE) yield counted(data.subarray(at, at + SLICE));
    return;
  }
  if (entry.method !== DEFLATED) throw new ZipError(`compression method ${entry.method}`);
  const source = Readable.from(slices(data));
  const inflater = source.pipe(createInflateRaw());
  try {
    for await (const chunk of inflater) yield counted(chunk as Buffer);
  } catch (error) {
    throw error instanceof ZipError ? error : new ZipError(`${entry.name}: ${String(error)}`);
  } finally {
    source.destroy();
    inflater.destroy();
  }
}

function* slices(data: Buffer) {
  for (let at = 0; at < data.length; at += SLICE) yield data.subarray(at, at + SLICE);
}

function entryData(zip: Buffer, entry: ZipEntry): Buffer {
  const at = entry.headerOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL_HEADER)
    throw new ZipError(`local header of ${entry.name} out of place`);
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > zip.length) throw new ZipError(`${entry.name} truncated`);
  return zip.subarray(start, end);
}

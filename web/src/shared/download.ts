import { request } from "./api";

/** The name the server gave the file: the UTF-8 form when present, else the plain one. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (utf8) {
    try {
      return decodeURIComponent(utf8.trim());
    } catch {
      // A malformed escape: the plain name below still names the file.
    }
  }
  return /filename="([^"]+)"/i.exec(disposition)?.[1] ?? fallback;
}

/**
 * Fetches an export while reporting how many bytes have arrived, so a file that takes the
 * server a while to build shows that something is happening. A failure comes back as the
 * server's own message (ApiError) instead of a saved error page.
 */
export async function fetchDownload(
  href: string,
  onBytes: (received: number) => void,
): Promise<{ blob: Blob; name: string }> {
  const response = await request("GET", href.replace(/^\/api/, ""));
  const type = response.headers.get("content-type") ?? "application/octet-stream";
  const name = fileNameOf(
    response.headers.get("content-disposition"),
    href.split("?")[0]?.split("/").at(-1) ?? "download",
  );
  const reader = response.body?.getReader();
  if (!reader) return { blob: await response.blob(), name };
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    onBytes(received);
  }
  return { blob: new Blob(chunks as BlobPart[], { type }), name };
}

/** Hands a fetched file to the browser's own download, under the server's name. */
export function saveFile(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

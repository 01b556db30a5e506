/** `1.2 MB` / `797.1 kB`: decimal units, one decimal, as download progress reads best. */
export function formatBytes(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${(bytes / 1000).toFixed(1)} kB`;
}

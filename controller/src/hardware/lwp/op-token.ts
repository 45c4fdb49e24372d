/**
 * LWP/1 op ids are 1-32 of [A-Za-z0-9_-]. Operation ids that fit are sent as they are (readable in
 * a serial log); others (UUIDs are 36 chars) become a 16-digit FNV-1a 64-bit hash, stable per id.
 */
export function opToken(operationId: string): string {
  if (/^[A-Za-z0-9_-]{1,32}$/.test(operationId)) return operationId;
  let h = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(operationId, 'utf8')) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

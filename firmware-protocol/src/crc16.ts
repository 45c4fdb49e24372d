/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final xor). check("123456789") = 0x29B1. */
export function crc16(bytes: Uint8Array | string): number {
  const data = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes;
  let crc = 0xffff;
  for (const byte of data) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/** The 4 uppercase hex digits that follow `*` on an LWP/1 line. */
export function crcHex(body: string): string {
  return crc16(body).toString(16).toUpperCase().padStart(4, '0');
}

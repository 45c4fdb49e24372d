export * from './messages.ts';
export { crc16, crcHex } from './crc16.ts';
export { encodeLine, encodeBody, frameBody, encodeMask, decodeMask } from './encode.ts';
export { parseLine, isLineError } from './parse.ts';
export { LineDecoder, type Decoded } from './line-decoder.ts';

/**
 * RDM6300 (125 kHz EM4100) serial frames: STX 0x02, 10 ASCII hex digits of card data, 2 ASCII hex
 * digits XOR of the 5 data bytes, ETX 0x03. The module repeats the frame while the card is in the field.
 * The decoder resynchronises on every STX, so garbage or a cut frame costs at most that frame.
 */
import { em4100Credential } from './credential.ts';
import type { BadgeCredential } from './types.ts';

const STX = 0x02;
const ETX = 0x03;
const BODY_LENGTH = 12;

export type Rdm6300Event =
  | { kind: 'card'; credential: BadgeCredential }
  | { kind: 'refused'; reason: 'checksum' | 'garbage' | 'cut'; message: string };

const isHexByte = (b: number): boolean => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);

/**
 * Streaming decoder: feed chunks as they arrive; split anywhere, the result is the same.
 * @example new Rdm6300Decoder().push(Buffer.from('02344230303432334331353230 03'.replace(/ /g, ''), 'hex'))
 */
export class Rdm6300Decoder {
  private body: number[] | undefined;

  push(chunk: Uint8Array): Rdm6300Event[] {
    const events: Rdm6300Event[] = [];
    for (const byte of chunk) {
      if (byte === STX) {
        if (this.body && this.body.length > 0) events.push(refused('cut', 'A badge frame was cut short; waiting for the next one.'));
        this.body = [];
        continue;
      }
      if (!this.body) continue; // between frames: noise, CR/LF from clones
      if (this.body.length === BODY_LENGTH) {
        const body = this.body;
        this.body = undefined;
        events.push(byte === ETX ? decodeBody(body) : refused('cut', 'A badge frame did not end with ETX; waiting for the next one.'));
        continue;
      }
      if (!isHexByte(byte)) {
        this.body = undefined;
        events.push(refused('garbage', 'A badge frame held a non-hex byte; waiting for the next one.'));
        continue;
      }
      this.body.push(byte);
    }
    return events;
  }

  reset(): void {
    this.body = undefined;
  }
}

const refused = (reason: 'checksum' | 'garbage' | 'cut', message: string): Rdm6300Event => ({ kind: 'refused', reason, message });

function decodeBody(body: number[]): Rdm6300Event {
  const text = String.fromCharCode(...body);
  const data = BigInt(`0x${text.slice(0, 10)}`);
  let xor = 0;
  for (let i = 0; i < 5; i++) xor ^= parseInt(text.slice(i * 2, i * 2 + 2), 16);
  if (xor !== parseInt(text.slice(10, 12), 16)) {
    return refused('checksum', 'A badge frame failed its checksum; hold the card still and try again.');
  }
  return { kind: 'card', credential: em4100Credential(data, 40) };
}

/** One-shot decode of a complete byte sequence (tests, captured logs). */
export function parseRdm6300Frames(bytes: Uint8Array): Rdm6300Event[] {
  return new Rdm6300Decoder().push(bytes);
}

/** Build a frame for a 40-bit card number (simulators and tests). */
export function encodeRdm6300Frame(hex10: string): Uint8Array {
  const hex = hex10.toUpperCase();
  let xor = 0;
  for (let i = 0; i < 5; i++) xor ^= parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  const ascii = hex + xor.toString(16).toUpperCase().padStart(2, '0');
  return Uint8Array.from([STX, ...[...ascii].map((c) => c.charCodeAt(0)), ETX]);
}

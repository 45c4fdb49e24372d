import { describe, expect, it } from 'vitest';
import {
  decodeCommand,
  decodeStatusReply,
  encodeStatusReply,
  encodeStatusRequest,
  encodeUnlock,
  splitCommands,
  statusReplyScanner,
} from '../../../controller/src/hardware/kerong-cu16/frames.ts';

// Copied from the team's shared fixtures (lockboards.json, "kerong_cu16"): vendor frames, checksums recomputed.
const FIXTURE: Record<string, string> = {
  status_cu0: '02 00 30 03 35',
  unlock_cu0_lock1: '02 00 31 03 36',
  unlock_cu0_lock16: '02 0F 31 03 45',
  unlock_cu1_lock1: '02 10 31 03 46',
  unlock_all_cu0: '02 00 33 03 38',
  status_reply_lock1_open: '02 00 35 FE FF 00 00 03 37',
  corrupt: '02 00 31 03 37',
};
const hex = (name: string) => Buffer.from(FIXTURE[name]!.replace(/ /g, ''), 'hex');

describe('Kerong KR-CU16 frames', () => {
  it('encodes the vendor status and unlock frames byte for byte', () => {
    expect(encodeStatusRequest(0)).toEqual(hex('status_cu0'));
    expect(encodeUnlock(0, 0)).toEqual(hex('unlock_cu0_lock1'));
    expect(encodeUnlock(0, 15)).toEqual(hex('unlock_cu0_lock16'));
    expect(encodeUnlock(1, 0)).toEqual(hex('unlock_cu1_lock1'));
  });

  it('decodes the vendor example as lock 1 open and every other lock hooked', () => {
    const status = decodeStatusReply(hex('status_reply_lock1_open'));
    expect(status?.board).toBe(0);
    expect(status?.hooked[0]).toBe(false);
    expect(status?.hooked.slice(1)).toEqual(new Array(15).fill(true));
    expect(status?.itemPresent).toEqual(new Array(16).fill(false));
  });

  it('round-trips latch and item bits in LSB-first order, H1 before H2', () => {
    const hooked = Array.from({ length: 16 }, (_, i) => i !== 9);
    const itemPresent = Array.from({ length: 16 }, (_, i) => i === 2 || i === 15);
    const frame = encodeStatusReply({ board: 3, hooked, itemPresent });
    expect([...frame.subarray(3, 7)]).toEqual([0xff, 0xfd, 0x04, 0x80]);
    expect(decodeStatusReply(frame)).toEqual({ board: 3, hooked, itemPresent });
  });

  it('refuses frames with a wrong checksum', () => {
    expect(decodeCommand(hex('corrupt'))).toBeUndefined();
    const reply = hex('status_reply_lock1_open');
    reply[8] = 0x38;
    expect(decodeStatusReply(reply)).toBeUndefined();
    expect(statusReplyScanner(0)(reply)).toEqual({ kind: 'corrupt', length: 9 });
  });

  it('rejects lock and board numbers outside 0-15', () => {
    expect(() => encodeUnlock(0, 16)).toThrow(RangeError);
    expect(() => encodeStatusRequest(16)).toThrow(RangeError);
  });

  it('finds its own board\'s reply among noise, an echoed command and another board\'s reply', () => {
    const scan = statusReplyScanner(1);
    const other = encodeStatusReply({ board: 2, hooked: new Array(16).fill(true), itemPresent: new Array(16).fill(false) });
    const mine = encodeStatusReply({ board: 1, hooked: new Array(16).fill(false), itemPresent: new Array(16).fill(false) });
    let rx = Buffer.concat([Buffer.from([0xff, 0x00]), encodeStatusRequest(1), other, mine]);
    const seen: string[] = [];
    for (;;) {
      const r = scan(rx);
      seen.push(r.kind);
      if (r.kind === 'partial') break;
      if (r.kind === 'frame') {
        expect(rx.subarray(0, r.length)).toEqual(mine);
        break;
      }
      rx = rx.subarray(r.length);
    }
    expect(seen.at(-1)).toBe('frame');
  });

  it('waits for the rest of a reply split across chunks', () => {
    const reply = hex('status_reply_lock1_open');
    expect(statusReplyScanner(0)(reply.subarray(0, 2))).toEqual({ kind: 'partial' });
    expect(statusReplyScanner(0)(reply.subarray(0, 8))).toEqual({ kind: 'partial' });
    expect(statusReplyScanner(0)(reply)).toEqual({ kind: 'frame', length: 9 });
  });

  it('splits merged command frames on the board side and counts corrupt ones', () => {
    const stream = Buffer.concat([hex('status_cu0'), hex('corrupt'), hex('unlock_cu1_lock1'), hex('unlock_cu0_lock16').subarray(0, 3)]);
    const { frames, corrupt, rest } = splitCommands(stream);
    expect(frames).toEqual([hex('status_cu0'), hex('unlock_cu1_lock1')]);
    expect(corrupt).toBe(1);
    expect(rest).toEqual(hex('unlock_cu0_lock16').subarray(0, 3));
  });
});

describe('Kerong frames on random bytes', () => {
  it('never throws and never accepts a reply that fails its checksum', async () => {
    const fc = await import('fast-check');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const rx = Buffer.from(bytes);
        const r = statusReplyScanner(0)(rx);
        if (r.kind === 'frame') expect(decodeStatusReply(rx.subarray(0, r.length))).toBeDefined();
        splitCommands(rx);
        decodeCommand(rx);
      }),
      { numRuns: 2000 },
    );
  });

  it('finds a reply however the stream is chunked and whatever noise comes first', async () => {
    const fc = await import('fast-check');
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }), fc.uint8Array({ maxLength: 6 }), fc.integer({ min: 1, max: 9 }), (hooked, noise, chunk) => {
        const reply = encodeStatusReply({ board: 0, hooked, itemPresent: new Array(16).fill(false) });
        const stream = Buffer.concat([Buffer.from(noise.filter((b) => b !== 0x02)), reply]);
        let rx = Buffer.alloc(0);
        let found: Buffer | undefined;
        for (let i = 0; i < stream.length && !found; i += chunk) {
          rx = Buffer.concat([rx, stream.subarray(i, i + chunk)]);
          while (rx.length > 0) {
            const r = statusReplyScanner(0)(rx);
            if (r.kind === 'partial') break;
            if (r.kind === 'frame') {
              found = rx.subarray(0, r.length);
              break;
            }
            rx = rx.subarray(r.length);
          }
        }
        expect(found && decodeStatusReply(found)?.hooked).toEqual(hooked);
      }),
      { numRuns: 500 },
    );
  });
});

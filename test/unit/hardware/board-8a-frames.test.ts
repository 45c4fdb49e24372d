import { describe, expect, it } from 'vitest';
import {
  bitsOf,
  bytesOf,
  decodeQueryAllReply,
  decodeShortFrame,
  encodeHold,
  encodeOpen,
  encodeQuery,
  encodeQueryAll,
  encodeQueryAllReply,
  encodeShortFrame,
  isOpen,
  queryAllReplyScanner,
  shortReplyScanner,
  splitCommands,
} from '../../../controller/src/hardware/board-8a/frames.ts';

// Copied from the team's shared fixtures (lockboards.json, "board_8a"), checksums recomputed there.
const FIXTURE = {
  open_b1_l1: '8A 01 01 11 9B',
  open_b1_l2: '8A 01 02 11 98',
  open_all_b1: '8A 01 00 11 9A',
  open_all_b2: '8A 02 00 11 99',
  open_b1_l24: '8A 01 18 11 82',
  reply_b1_l1_state00: '8A 01 01 00 8A',
  reply_b1_l1_state11: '8A 01 01 11 9B',
  query_b1_l1: '80 01 01 33 B3',
  query_reply_b1_l1_00: '80 01 01 00 80',
  query_all_b1: '80 01 00 33 B2',
  query_all_reply_example: '80 01 01 01 01 33 B3',
  long_on_b1_l5: '9A 01 05 11 8F',
  long_off_b1_l5: '9B 01 05 11 8E',
  corrupt_bad_bcc: '8A 01 01 11 99',
} as const;
const hex = (name: keyof typeof FIXTURE) => Buffer.from(FIXTURE[name].replace(/ /g, ''), 'hex');

describe('0x8A board frames', () => {
  it('encodes every command of the fixture byte for byte', () => {
    expect(encodeOpen(1, 1)).toEqual(hex('open_b1_l1'));
    expect(encodeOpen(1, 2)).toEqual(hex('open_b1_l2'));
    expect(encodeOpen(1, 0)).toEqual(hex('open_all_b1'));
    expect(encodeOpen(2, 0)).toEqual(hex('open_all_b2'));
    expect(encodeOpen(1, 24)).toEqual(hex('open_b1_l24'));
    expect(encodeQuery(1, 1)).toEqual(hex('query_b1_l1'));
    expect(encodeQueryAll(1)).toEqual(hex('query_all_b1'));
    expect(encodeHold(1, 5, true)).toEqual(hex('long_on_b1_l5'));
    expect(encodeHold(1, 5, false)).toEqual(hex('long_off_b1_l5'));
  });

  it('encodes and decodes every reply of the fixture', () => {
    expect(decodeShortFrame(hex('reply_b1_l1_state00'))).toEqual({ head: 0x8a, board: 1, lock: 1, value: 0x00 });
    expect(decodeShortFrame(hex('reply_b1_l1_state11'))).toEqual({ head: 0x8a, board: 1, lock: 1, value: 0x11 });
    expect(decodeShortFrame(hex('query_reply_b1_l1_00'))).toEqual({ head: 0x80, board: 1, lock: 1, value: 0x00 });
    expect(encodeShortFrame({ head: 0x8a, board: 1, lock: 1, value: 0 })).toEqual(hex('reply_b1_l1_state00'));
    expect(encodeShortFrame({ head: 0x80, board: 1, lock: 1, value: 0 })).toEqual(hex('query_reply_b1_l1_00'));
    expect(decodeQueryAllReply(hex('query_all_reply_example'), 1)).toEqual([1, 1, 1]);
    expect(encodeQueryAllReply(1, [1, 1, 1])).toEqual(hex('query_all_reply_example'));
  });

  it('refuses frames whose XOR does not match', () => {
    expect(decodeShortFrame(hex('corrupt_bad_bcc'))).toBeUndefined();
    expect(shortReplyScanner(0x8a, 1, 1)(hex('corrupt_bad_bcc'))).toEqual({ kind: 'corrupt', length: 5 });
    const badAll = hex('query_all_reply_example');
    badAll[6] = 0xb4;
    expect(decodeQueryAllReply(badAll, 1)).toBeUndefined();
    expect(queryAllReplyScanner(1, 3, 3)(badAll)).toEqual({ kind: 'corrupt', length: 7 });
    expect(decodeQueryAllReply(hex('query_all_reply_example'), 2)).toBeUndefined();
  });

  it('reads status bits with lock 1 in bit 0 of the first byte, or of the last byte when descending', () => {
    const bits = bitsOf([0x01, 0x00, 0x80], 24, 'ascending');
    expect(bits.flatMap((b, i) => (b ? [i + 1] : []))).toEqual([1, 24]);
    const desc = bitsOf([0x01, 0x00, 0x80], 24, 'descending');
    expect(desc.flatMap((b, i) => (b ? [i + 1] : []))).toEqual([8, 17]);
    const high = Array.from({ length: 24 }, (_, i) => i === 2 || i === 20);
    expect(bitsOf(bytesOf(high, 3, 'descending'), 24, 'descending')).toEqual(high);
    expect(bitsOf([0xff], 12, 'ascending')[11]).toBeUndefined();
  });

  it('maps 0x11 to open or closed by the board\'s polarity', () => {
    expect(isOpen(true, 'open-high')).toBe(true);
    expect(isOpen(true, 'closed-high')).toBe(false);
    expect(isOpen(false, 'closed-high')).toBe(true);
  });

  it('finds a query-all reply of unannounced length, skipping our echoed request', () => {
    const scan = queryAllReplyScanner(1, 1, 3);
    const reply = encodeQueryAllReply(1, [0x00, 0x33, 0x04]); // a status byte that looks like the end marker
    expect(scan(Buffer.concat([encodeQueryAll(1)]))).toEqual({ kind: 'skip', length: 5 });
    expect(scan(reply.subarray(0, 5))).toEqual({ kind: 'partial' });
    expect(scan(reply)).toEqual({ kind: 'frame', length: reply.length });
    expect(scan(Buffer.from([0x80, 0x02, 0, 0, 0, 0x33, 0xb1]))).toEqual({ kind: 'skip', length: 1 });
  });

  it('skips an echoed query and other locks\' replies when waiting for a single reply', () => {
    const scan = shortReplyScanner(0x80, 1, 1);
    expect(scan(hex('query_b1_l1'))).toEqual({ kind: 'skip', length: 5 });
    expect(scan(encodeShortFrame({ head: 0x80, board: 1, lock: 2, value: 0 }))).toEqual({ kind: 'skip', length: 5 });
    expect(scan(hex('query_reply_b1_l1_00').subarray(0, 4))).toEqual({ kind: 'partial' });
    expect(scan(hex('query_reply_b1_l1_00'))).toEqual({ kind: 'frame', length: 5 });
  });

  it('splits merged commands on the board side and counts a corrupt one', () => {
    const { frames, corrupt } = splitCommands(Buffer.concat([hex('open_b1_l2'), hex('corrupt_bad_bcc'), hex('query_all_b1')]));
    expect(frames.map((f) => [f.head, f.lock])).toEqual([
      [0x8a, 2],
      [0x80, 0],
    ]);
    expect(corrupt).toBeGreaterThanOrEqual(1);
  });
});

describe('0x8A frames on random bytes', () => {
  it('never throws and never accepts a frame whose XOR does not match', async () => {
    const fc = await import('fast-check');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const rx = Buffer.from(bytes);
        const all = queryAllReplyScanner(1, 3, 3)(rx);
        if (all.kind === 'frame') expect(decodeQueryAllReply(rx.subarray(0, all.length), 1)).toBeDefined();
        const one = shortReplyScanner(0x80, 1, 1)(rx);
        if (one.kind === 'frame') expect(decodeShortFrame(rx.subarray(0, one.length))).toBeDefined();
        splitCommands(rx);
      }),
      { numRuns: 2000 },
    );
  });
});

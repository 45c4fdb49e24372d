import { describe, expect, it } from 'vitest';
import { LineDecoder, parseLine } from '../../../firmware-protocol/src/index.ts';
import * as board8a from '../../../controller/src/hardware/board-8a/frames.ts';
import * as kerong from '../../../controller/src/hardware/kerong-cu16/frames.ts';
import { BADGE_FORMATS, normaliseScan, parseBadge, parseBadgeAnyFormat, Rdm6300Decoder } from '../../../controller/src/readers/index.ts';

/**
 * 100,000 random or mutated inputs to every decoder and normaliser that reads bytes from the outside
 * world (issue 8): none may throw. Seeded, so a failure reproduces; LOCKERWALL_FUZZ_RUNS scales it.
 */
const RUNS = Number(process.env.LOCKERWALL_FUZZ_RUNS ?? 100_000);

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

const VALID_SEEDS = {
  lwp: ['C12 OPEN 5 op=7f3a pulse=500 boot=3F2A*', 'R12 OK*', 'E7 DOOR 5 opened*', 'A7*'],
  scan: ['1Z999AA10123456784\r\n', ']C142078745\u001d9400111206206406260787\r', 'RR123456785CN\n', '1001921334250001000300779017972697\n', ']C100006141411234567890\r'],
  badge: ['4B00423C15', '0004340757', '066,15381', '322126887957', 'em4100:4B00423C15', 'mifare:1EA68671', '04340757'],
  frames: ['8A 01 01 11 9B', '80 01 01 01 01 33 B3', '02 00 35 FE FF 00 00 03 37', '02 00 31 03 36'],
  rdm: ['02 34 42 30 30 34 32 33 43 31 35 32 30 03'],
};

/** Random bytes half of the time; otherwise a valid input with bytes flipped, cut, repeated or spliced. */
function input(random: () => number, seeds: string[], binary: boolean): Buffer {
  if (random() < 0.5) {
    const length = Math.floor(random() * 160);
    return Buffer.from(Array.from({ length }, () => Math.floor(random() * 256)));
  }
  const seed = seeds[Math.floor(random() * seeds.length)]!;
  let bytes = binary ? Buffer.from(seed.replace(/ /g, ''), 'hex') : Buffer.from(seed, 'utf8');
  const mutations = 1 + Math.floor(random() * 4);
  for (let m = 0; m < mutations; m++) {
    const at = Math.floor(random() * (bytes.length + 1));
    switch (Math.floor(random() * 4)) {
      case 0:
        if (bytes.length) {
          const i = Math.min(at, bytes.length - 1);
          bytes[i] = bytes[i]! ^ (1 << Math.floor(random() * 8));
        }
        break;
      case 1:
        bytes = bytes.subarray(0, at);
        break;
      case 2:
        bytes = Buffer.concat([bytes, bytes.subarray(at)]);
        break;
      default:
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([Math.floor(random() * 256)]), bytes.subarray(at)]);
    }
  }
  return bytes;
}

function fuzz(name: string, seeds: string[], binary: boolean, target: (bytes: Buffer) => void) {
  it(`${name}: ${RUNS} inputs, no exception`, () => {
    const random = prng(0x10c3e + name.length);
    let failure: string | undefined;
    for (let i = 0; i < RUNS && !failure; i++) {
      const bytes = input(random, seeds, binary);
      try {
        target(bytes);
      } catch (error) {
        failure = `input ${bytes.toString('hex')}: ${(error as Error).stack}`;
      }
    }
    expect(failure).toBeUndefined();
  }, 600_000);
}

describe('fuzzing the inputs from the outside world', () => {
  const lwp = new LineDecoder();
  fuzz('LWP/1 stream decoder', VALID_SEEDS.lwp.map((l) => `${l}\n`), false, (b) => void lwp.push(b));
  fuzz('LWP/1 line parser', VALID_SEEDS.lwp, false, (b) => void parseLine(b.toString('latin1')));
  const rdm = new Rdm6300Decoder();
  fuzz('RDM6300 frame decoder', VALID_SEEDS.rdm, true, (b) => void rdm.push(b));
  fuzz('Kerong CU16 frames', VALID_SEEDS.frames, true, (b) => {
    kerong.decodeStatusReply(b);
    kerong.decodeCommand(b);
    kerong.splitCommands(b);
    kerong.statusReplyScanner(0)(b);
  });
  fuzz('0x8A board frames', VALID_SEEDS.frames, true, (b) => {
    board8a.splitCommands(b);
    board8a.shortReplyScanner(0x8a, 1, 1)(b);
    board8a.queryAllReplyScanner(1, 1, 3)(b);
  });
  fuzz('scan normaliser', VALID_SEEDS.scan, false, (b) => {
    const r = normaliseScan(b.toString('utf8'));
    if (!['ok', 'ambiguous', 'invalid', 'empty', 'unknown'].includes(r.status)) throw new Error(`status ${r.status}`);
  });
  fuzz('badge parser', VALID_SEEDS.badge, false, (b) => {
    const text = b.toString('utf8');
    parseBadgeAnyFormat(text);
    for (const format of BADGE_FORMATS) parseBadge(text, format);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  LineDecoder,
  crcHex,
  encodeLine,
  parseLine,
  type BoardEvent,
  type Command,
  type LwpMessage,
  type Reply,
} from '../../../firmware-protocol/src/index.ts';
import { vectors } from './vectors.ts';

describe('LWP/1 codec against vectors.json', () => {
  it.each(vectors.crc)('CRC of "$input" is $crc', ({ input, crc }) => {
    expect(crcHex(input)).toBe(crc);
  });

  it.each(vectors.valid)('decodes and re-encodes $line', ({ line, message }) => {
    expect(parseLine(line)).toEqual(message);
    expect(encodeLine(message)).toBe(`${line}\n`);
  });

  it.each(vectors.invalid)('rejects $line', ({ line, error, seq, ignored }) => {
    const parsed = parseLine(line);
    if (ignored) expect(parsed).toBeNull();
    else expect(parsed).toMatchObject({ error, ...(seq !== undefined ? { seq } : {}) });
    if (!ignored && seq === undefined) expect(parsed).not.toHaveProperty('seq');
  });
});

const seq = fc.integer({ min: 0, max: 65535 });
const channel = fc.integer({ min: 1, max: 128 });
const token = (chars: string, max: number) => fc.string({ unit: fc.constantFrom(...chars.split('')), minLength: 1, maxLength: max });
const ID = 'ABCXYZabcxyz0189_-';
const identity = fc.record({
  version: fc.constant('LWP/1'),
  firmware: token('0123456789abcXYZ.+-_', 16),
  channels: channel,
  boardId: token(ID, 16),
  bootId: token('0123456789ABCDEF', 8),
});
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.constant<Command>({ verb: 'HELLO', version: 'LWP/1' }),
  fc.constant<Command>({ verb: 'PING' }),
  fc.constant<Command>({ verb: 'STATUS' }),
  fc.record({ verb: fc.constant('OPEN' as const), channel, op: token(ID, 32), pulseMs: fc.integer({ min: 1, max: 65535 }), bootId: token('0123456789ABCDEF', 8) }),
);
const status = channel.chain((n) =>
  fc.record({
    kind: fc.constant('STATUS' as const),
    channels: fc.constant(n),
    locked: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    doorOpen: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
  }),
);
const reply: fc.Arbitrary<Reply> = fc.oneof(
  identity.map((i) => ({ kind: 'HELLO' as const, ...i })),
  fc.constant<Reply>({ kind: 'PONG' }),
  fc.record({ kind: fc.constant('OPENED' as const), channel, op: token(ID, 32), duplicate: fc.boolean() }),
  status,
  fc.constantFrom<Reply>({ kind: 'ERR', code: 'BUSY' }, { kind: 'ERR', code: 'BADARG', detail: 'pulse' }),
);
const event: fc.Arbitrary<BoardEvent> = fc.oneof(
  fc.record({ kind: fc.constant('DOOR' as const), channel, change: fc.constantFrom('opened' as const, 'closed' as const, 'forced' as const) }),
  identity.map((i) => ({ kind: 'RESET' as const, ...i })),
);
export const message: fc.Arbitrary<LwpMessage> = fc.oneof(
  fc.record({ type: fc.constant('command' as const), seq, command }),
  fc.record({ type: fc.constant('reply' as const), seq: fc.option(seq, { nil: null }), reply }),
  fc.record({ type: fc.constant('event' as const), seq, event }),
  fc.record({ type: fc.constant('ack' as const), seq }),
);

describe('LWP/1 codec properties', () => {
  it('round-trips every valid message within 128 bytes', () => {
    fc.assert(
      fc.property(message, (m) => {
        const line = encodeLine(m);
        expect(line.length).toBeLessThanOrEqual(128);
        expect(parseLine(line.slice(0, -1))).toEqual(m);
      }),
    );
  });

  it('decodes a stream split at any bytes exactly as the whole stream', () => {
    fc.assert(
      fc.property(fc.array(message, { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 20 }), (ms, cuts) => {
        const stream = Buffer.from(ms.map(encodeLine).join(''), 'latin1');
        const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
        const decoder = new LineDecoder();
        const out = [];
        let from = 0;
        for (const p of [...points, stream.length]) {
          out.push(...decoder.push(stream.subarray(from, p)));
          from = p;
        }
        expect(out).toEqual(ms);
      }),
    );
  });

  it('never throws on random bytes and recovers at the next line', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), message, (noise, m) => {
        const decoder = new LineDecoder();
        decoder.push(noise);
        const out = decoder.push(Buffer.from(`\n${encodeLine(m)}`, 'latin1'));
        expect(out.at(-1)).toEqual(m);
      }),
    );
  });

  it('reports an over-long line once and drops it whole', () => {
    const decoder = new LineDecoder();
    const ping = encodeLine({ type: 'command', seq: 1, command: { verb: 'PING' } });
    const out = decoder.push(`${'C1 PING'.repeat(100)}\n${ping}`);
    expect(out.map((d) => ('error' in d ? d.error : d.type))).toEqual(['too-long', 'command']);
  });

  it('tolerates CRLF line ends', () => {
    const ping = encodeLine({ type: 'command', seq: 1, command: { verb: 'PING' } });
    expect(new LineDecoder().push(ping.replace('\n', '\r\n'))).toEqual([{ type: 'command', seq: 1, command: { verb: 'PING' } }]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { BadgeReader, type BadgeTap } from '../../../controller/src/readers/badge-reader.ts';
import { badgesMatch, parseBadge, isBadgeError, type BadgeFormat } from '../../../controller/src/readers/badge/index.ts';
import { badges, hexBytes } from '../../unit/readers/badge/badges-fixture.ts';
import { openReaderPty, waitUntil, type ReaderPty } from '../../support/pty-readers.ts';

const MARKER = '02 30 30 30 30 30 30 30 30 30 31 30 31 03'; // em4100:0000000001, never a fixture card

describe('badge reader over a socat PTY pair', () => {
  let pty: ReaderPty | undefined;
  let reader: BadgeReader | undefined;

  afterEach(async () => {
    await reader?.stop();
    await pty?.close();
    reader = undefined;
    pty = undefined;
  });

  async function start(protocol: 'rdm6300' | 'wedge-line', format?: BadgeFormat) {
    pty = await openReaderPty();
    const taps: BadgeTap[] = [];
    reader = new BadgeReader({ path: pty.port, protocol, ...(format ? { format } : {}), holdWindowMs: 60_000 });
    reader.onTap((t) => taps.push(t));
    expect(await reader.start()).toBe(true);
    return taps;
  }

  const rdmReads = badges.same_card.map((g) => ({ card: g.card, bytes: g.reads.find((r) => r.reader === 'rdm6300')!.bytes! }));

  it.each(rdmReads.map((r) => [r.card, r] as const))('a held %s (5 frames) is exactly one tap', async (card, read) => {
    const taps = await start('rdm6300');
    for (let i = 0; i < 5; i++) await pty!.send(hexBytes(read.bytes));
    await pty!.send(hexBytes(MARKER));
    await waitUntil(() => taps.some((t) => t.credential.display === 'em4100:0000000001'), 'the marker card');
    expect(taps.map((t) => t.credential.display)).toEqual([card, 'em4100:0000000001']);
  });

  it('refuses the bad frames and resynchronises on the next STX', async () => {
    const taps = await start('rdm6300');
    for (const bad of badges.bad_frames) await pty!.send(hexBytes(bad.bytes));
    await pty!.send(hexBytes(MARKER));
    await waitUntil(() => taps.some((t) => t.credential.display === 'em4100:0000000001'), 'the marker card');
    // the cut frame is followed by the garbage+good frame, which must read as the fixture card
    expect(taps.map((t) => t.credential.display)).toEqual(['em4100:4B00423C15', 'em4100:0000000001']);
  });

  it('reads a wedge-over-serial reader in its configured format, one tap per hold', async () => {
    const read = badges.same_card[1]!.reads.find((r) => r.format === 'fac,card')!;
    const taps = await start('wedge-line', 'fac,card');
    for (let i = 0; i < 5; i++) await pty!.send(read.text!);
    await pty!.send('001,00001\r\n');
    await waitUntil(() => taps.length === 2, 'two taps');
    const enrolled = parseBadge('01026F6C3A', 'hex10');
    if (isBadgeError(enrolled)) throw new Error(enrolled.message);
    expect(badgesMatch(taps[0]!.credential, enrolled)).toBe(true);
    expect(badgesMatch(taps[1]!.credential, enrolled)).toBe(false);
  });
});

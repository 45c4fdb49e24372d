import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { SecretKeeper } from '../../../controller/src/security/digests.ts';
import { BadgeDirectory } from '../../../controller/src/services/badge-directory.ts';
import { decodeDirectoryFile, importDirectory } from '../../../controller/src/services/directory-import.ts';
import { Store } from '../../../controller/src/store/store.ts';

const fixture = readFileSync(new URL('../../../../shared/fixtures/directory.csv', import.meta.url), 'utf8');
const clock = { now: () => new Date('2026-12-01T09:00:00Z') };
const HEADER = 'employee_id,name,name_latin,email,department,locale,role,collects_for,needs_accessible_door,badge,badge_format';

let store: Store;
let badges: BadgeDirectory;

beforeEach(() => {
  store = Store.open(':memory:');
  badges = new BadgeDirectory(store, new SecretKeeper(Buffer.alloc(32, 7)));
});

describe('importDirectory', () => {
  it('imports the HR export with both 王伟 kept apart', () => {
    const report = importDirectory(fixture, store, badges, clock);
    expect(report).toMatchObject({ added: 20, updated: 0, unchanged: 0, rejected: [] });
    const wangs = store.recipients.search('王伟');
    expect(wangs.map((r) => [r.id, r.department])).toEqual([
      ['E1001', 'Finance'],
      ['E1002', 'R&D'],
    ]);
    expect(store.recipients.get('E1019')!.name).toBe('Dr. Zhang, Hui');
    expect(store.recipients.get('E1007')!.needsAccessibleDoor).toBe(true);
    expect(store.recipients.get('E1006')!.collectsFor).toEqual(['dept:HR']);
    expect(store.staff.byRecipient('E1009')?.role).toBe('clerk');
  });

  it('is idempotent', () => {
    importDirectory(fixture, store, badges, clock);
    expect(importDirectory(fixture, store, badges, clock)).toMatchObject({ added: 0, updated: 0, unchanged: 20, rejected: [] });
  });

  it('counts changed rows as updated', () => {
    importDirectory(fixture, store, badges, clock);
    const changed = fixture.replace('li.na@example.com', 'na.li@example.com');
    expect(importDirectory(changed, store, badges, clock)).toMatchObject({ added: 0, updated: 1, unchanged: 19 });
    expect(store.recipients.get('E1003')!.email).toBe('na.li@example.com');
  });

  it('reports each bad row with its line and reason and keeps the good ones', () => {
    const csv = [
      HEADER,
      'E2001,Good Person,Good Person,good@example.com,Sales,en,employee,,0,,',
      ',No Id,,x@example.com,Sales,en,employee,,0,,',
      'E2002,,Nameless,n@example.com,Sales,en,employee,,0,,',
      'E2003,Bad Mail,,not-an-address,Sales,en,employee,,0,,',
      'E2004,Bad Locale,,b@example.com,Sales,fr,employee,,0,,',
      'E2005,Bad Badge,,c@example.com,Sales,en,employee,,0,ZZZZ,hex10',
      'E2001,Twice,,t@example.com,Sales,en,employee,,0,,',
      'E2006,Unquoted, Comma,Unquoted Comma,u@example.com,Sales,en,employee,,0,,',
      'E2007,Bad Flag,,f@example.com,Sales,en,employee,,maybe,,',
    ].join('\r\n');
    const report = importDirectory(csv, store, badges, clock);
    expect(report.added).toBe(1);
    expect(report.rejected.map((r) => [r.line, r.reason.split(' ')[0]])).toEqual([
      [3, 'employee_id'],
      [4, 'name'],
      [5, 'email'],
      [6, 'locale'],
      [7, 'Badge'],
      [8, 'employee_id'],
      [9, 'has'],
      [10, 'needs_accessible_door'],
    ]);
    expect(store.recipients.count()).toBe(1);
  });

  it("refuses a row that would take someone else's badge", () => {
    importDirectory(fixture, store, badges, clock);
    const csv = `${HEADER}\r\nE1005,Chen Jing,Chen Jing,chen.jing@example.com,HR,zh-CN,employee,,0,4B00423C15,hex10`;
    const report = importDirectory(csv, store, badges, clock);
    expect(report.rejected[0]!.reason).toMatch(/already enrolled for E1003/);
    expect(badges.identify('4B00423C15').id).toBe('E1003');
  });

  it('refuses files that are not UTF-8', () => {
    expect(() => decodeDirectoryFile(Buffer.from([0xff, 0xfe, 0x41, 0x00]))).toThrow(/UTF-16/);
    expect(() => decodeDirectoryFile(Buffer.from([0x45, 0x31, 0x2c, 0xcd, 0xf5, 0xce, 0xb0]))).toThrow(/not UTF-8/);
    expect(decodeDirectoryFile(Buffer.from('\uFEFFemployee_id,王伟', 'utf8'))).toContain('王伟');
  });

  it('refuses a file without the required columns', () => {
    const report = importDirectory('id,fullname\nE1,x\n', store, badges, clock);
    expect(report.rejected[0]!.reason).toMatch(/missing column/);
    expect(store.recipients.count()).toBe(0);
  });
});

describe('BadgeDirectory', () => {
  beforeEach(() => {
    importDirectory(fixture, store, badges, clock);
  });

  it('finds E1003 by her card in the formats readers print', () => {
    expect(badges.identify('4B00423C15').id).toBe('E1003');
    expect(badges.identify('0004340757').id).toBe('E1003');
    expect(badges.identify('066,15381').id).toBe('E1003');
  });

  it('matches a card enrolled as facility,card when the reader prints hex', () => {
    expect(badges.identify('01026F6C3A').id).toBe('E1007');
  });

  it('refuses an enrolled-looking but unknown card', () => {
    expect(() => badges.identify('0102030405')).toThrow(/not enrolled/);
  });

  it('stores only digests', () => {
    const rows = store.db.prepare("SELECT digest FROM credentials WHERE kind = 'badge'").all() as { digest: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.digest))).toBe(true);
    expect(JSON.stringify(rows)).not.toMatch(/4B00423C15/i);
  });
});

describe('BadgeDirectory with the kiosk reader configured for each fixture format', () => {
  const fixtureBadges = JSON.parse(readFileSync(new URL('../../../../shared/fixtures/badges.json', import.meta.url), 'utf8'));
  const cards: Record<string, string> = { 'em4100:4B00423C15': 'E1003', 'em4100:01026F6C3A': 'E1007' };

  for (const group of fixtureBadges.same_card as { card: string; reads: { reader: string; format?: string; text?: string }[] }[]) {
    for (const read of group.reads.filter((r) => r.reader === 'wedge')) {
      it(`${group.card} typed as ${read.format} opens for ${cards[group.card]}`, () => {
        const configured = new BadgeDirectory(store, new SecretKeeper(Buffer.alloc(32, 7)), read.format as never);
        importDirectory(fixture, store, configured, clock);
        expect(configured.identify(read.text!).id).toBe(cards[group.card]);
      });
    }
  }
});

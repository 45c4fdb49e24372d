import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../controller/src/ops/backup.ts';
import { backupCommand, restoreCommand } from '../../../controller/src/ops/commands.ts';
import { loadOrCreateInstallSecret } from '../../../controller/src/security/install-secret.ts';
import { openDatabase } from '../../../controller/src/store/database.ts';

let root: string;
let dataDir: string;
let lines: string[];
const ctx = () => ({ dataDir, out: (l: string) => lines.push(`out: ${l}`), err: (l: string) => lines.push(`err: ${l}`) });

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'lw-commands-'));
  dataDir = join(root, 'data');
  mkdirSync(dataDir);
  loadOrCreateInstallSecret(dataDir);
  lines = [];
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('backup and restore commands', () => {
  it('backs up beside a running controller, lists, and refuses to restore until it stops', async () => {
    const live = openDatabase({ path: join(dataDir, DATABASE_FILE) });
    live.exec("CREATE TABLE probe (label TEXT); INSERT INTO probe VALUES ('kept')");
    expect(await backupCommand([], ctx())).toBe(0);
    expect(lines[0]).toMatch(/^out: backup written: .*lockerwall-\d{4}-.*integrity ok\)$/);
    lines = [];
    expect(await backupCommand(['--list'], ctx())).toBe(0);
    const folder = lines[0]!.replace('out: ', '');
    expect(existsSync(join(folder, DATABASE_FILE))).toBe(true);

    lines = [];
    expect(await restoreCommand([folder], ctx())).toBe(4);
    expect(lines[0]).toMatch(/^err: A running controller holds .* stop it first/);
    live.close();
    lines = [];
    expect(await restoreCommand([folder], ctx())).toBe(0);
    expect(lines.join('\n')).toMatch(/restored lockerwall-.*\n.*replaced files are kept in/);
  });

  it('explains a missing database, a missing folder argument and a non-backup folder', async () => {
    expect(await backupCommand([], ctx())).toBe(2);
    expect(lines[0]).toMatch(/no database at .*lockerwall\.sqlite/);
    expect(await backupCommand(['--to'], ctx())).toBe(2);
    expect(await restoreCommand([], ctx())).toBe(2);
    lines = [];
    expect(await restoreCommand([root], ctx())).toBe(4);
    expect(lines[0]).toMatch(/holds no lockerwall\.sqlite/);
  });
});

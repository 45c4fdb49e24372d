import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SECRET_FILE = 'install-secret.key';

/**
 * The per-install secret that keys code and badge HMACs. Created once with mode 0600; losing it makes
 * every stored code and enrolled badge unmatchable, so backups include it.
 */
export function loadOrCreateInstallSecret(dataDir: string): Buffer {
  const path = join(dataDir, SECRET_FILE);
  if (!existsSync(path)) {
    writeFileSync(path, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  }
  const mode = statSync(path).mode & 0o777;
  if (mode & 0o077) chmodSync(path, 0o600);
  const hex = readFileSync(path, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${path} is damaged: expected 64 hex digits (restore it from a backup)`);
  return Buffer.from(hex, 'hex');
}

/** Writes a new secret next to the old one; `commitNewInstallSecret` swaps it in after the database moved over. */
export function stageNewInstallSecret(dataDir: string): { secret: Buffer; path: string } {
  const secret = randomBytes(32);
  const path = join(dataDir, `${SECRET_FILE}.next`);
  writeFileSync(path, secret.toString('hex') + '\n', { mode: 0o600 });
  return { secret, path };
}

export function commitNewInstallSecret(dataDir: string, stagedPath: string): void {
  renameSync(stagedPath, join(dataDir, SECRET_FILE));
}

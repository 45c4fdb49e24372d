import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError, loadConfig } from '../../config/load.ts';
import { configSchema } from '../../config/schema.ts';
import { systemClock } from './domain/types.ts';
import { SecretKeeper } from './security/digests.ts';
import { loadOrCreateInstallSecret } from './security/install-secret.ts';
import { hashPin } from './security/pins.ts';
import { backupCommand, OPS_USAGE, restoreCommand } from './ops/commands.ts';
import { opsSettings } from './ops/start-ops.ts';
import { assertNoControllerHolds } from './ops/restore.ts';
import { commitNewInstallSecret, stageNewInstallSecret } from './security/install-secret.ts';
import { BadgeDirectory } from './services/badge-directory.ts';
import { rotateInstallSecret } from './services/secret-rotation.ts';
import { issueApiToken } from './services/api-tokens.ts';
import { API_SCOPES } from './store/api-tokens-repo.ts';
import { decodeDirectoryFile, importDirectory } from './services/directory-import.ts';
import { Store } from './store/store.ts';

const USAGE = `usage: npm run lockerwall -- <command>
  import-directory <file.csv>          add or update recipients from an HR export (idempotent)
  verify-log                           check the hash chain of the custody log
  add-staff <id> <name> <clerk|admin>  create or update a clerk/admin; reads the PIN from LOCKERWALL_NEW_PIN
  config-doc                           print every setting with its description (JSON Schema)
  create-token <name> <scope,...>      API token for an integration (scopes: ${API_SCOPES.join(', ')}); printed once
  revoke-token <name>                  revoke an API token
  list-tokens                          list API tokens (never the tokens themselves)
  rotate-secret <directory.csv>        new install secret: re-issues codes of stored parcels (recipients are told)
                                       and re-enrols badges from the HR export; stop the controller first
${OPS_USAGE}`;

function openStore() {
  const config = loadConfig();
  const dataDir = resolve(config.dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secrets = new SecretKeeper(loadOrCreateInstallSecret(dataDir));
  return { config, store: Store.open(join(dataDir, 'lockerwall.sqlite')), secrets };
}

async function run(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case 'import-directory': {
      if (!rest[0]) break;
      const { store, secrets } = openStore();
      let text: string;
      try {
        text = decodeDirectoryFile(readFileSync(rest[0]));
      } catch (error) {
        store.close();
        console.error(`not imported: ${(error as Error).message}`);
        return 1;
      }
      const report = importDirectory(text, store, new BadgeDirectory(store, secrets), systemClock);
      console.log(`added ${report.added}, updated ${report.updated}, unchanged ${report.unchanged}, rejected ${report.rejected.length}`);
      for (const r of report.rejected) console.log(`  line ${r.line}${r.id ? ` (${r.id})` : ''}: ${r.reason}`);
      store.close();
      return report.rejected.length ? 1 : 0;
    }
    case 'verify-log': {
      const { store } = openStore();
      const verdict = store.parcels.verifyLog();
      store.close();
      if (verdict.ok) {
        console.log(`custody log intact: ${verdict.checked} events checked`);
        return 0;
      }
      console.log(`custody log BROKEN at event ${verdict.firstBrokenSeq}: ${verdict.reason} (${verdict.checked} events before it are intact)`);
      return 3;
    }
    case 'add-staff': {
      const [id, name, role] = rest;
      const pin = process.env.LOCKERWALL_NEW_PIN ?? '';
      if (!id || !name || (role !== 'clerk' && role !== 'admin')) break;
      if (!/^\d{6,12}$/.test(pin)) {
        console.error('Set LOCKERWALL_NEW_PIN to a PIN of 6 to 12 digits (kept out of the shell history and process list).');
        return 2;
      }
      if (['1234', '9876'].includes(pin)) return 2;
      const { store } = openStore();
      store.staff.upsert({ id, name, role, pinHash: await hashPin(pin), recipientId: store.recipients.get(id) ? id : null }, new Date().toISOString());
      store.close();
      console.log(`${role} ${id} saved`);
      return 0;
    }
    case 'backup': {
      const config = loadConfig();
      const dir = opsSettings(config).backup.dir;
      return backupCommand(rest, { dataDir: resolve(config.dataDir), backupRoot: dir ? resolve(dir) : undefined });
    }
    case 'restore':
      // not openStore(): holding the database would make the restore refuse itself
      return restoreCommand(rest, { dataDir: resolve(loadConfig().dataDir) });
    case 'create-token': {
      const [name, scopes] = rest;
      if (!name || !scopes) break;
      const { store } = openStore();
      let token: string;
      try {
        token = issueApiToken(store, name, scopes.split(',').map((s) => s.trim()), new Date());
      } finally {
        store.close();
      }
      console.log(token);
      console.error(`token ${name} created; it is shown only now — store it in the integration's secret store`);
      return 0;
    }
    case 'revoke-token': {
      if (!rest[0]) break;
      const { store } = openStore();
      const done = store.apiTokens.revoke(rest[0], new Date().toISOString());
      store.close();
      console.log(done ? `token ${rest[0]} revoked` : `no active token ${rest[0]}`);
      return done ? 0 : 1;
    }
    case 'list-tokens': {
      const { store } = openStore();
      for (const t of store.apiTokens.list()) console.log(`${t.name}\t${t.scopes.join(',')}\tcreated ${t.createdAt}\tlast used ${t.lastUsedAt ?? 'never'}${t.revokedAt ? `\tREVOKED ${t.revokedAt}` : ''}`);
      store.close();
      return 0;
    }
    case 'rotate-secret': {
      if (!rest[0]) break;
      const config = loadConfig();
      const dataDir = resolve(config.dataDir);
      const dbPath = join(dataDir, 'lockerwall.sqlite');
      try {
        assertNoControllerHolds(dbPath);
      } catch (error) {
        console.error(`refused: ${(error as Error).message}`);
        return 4;
      }
      const csv = decodeDirectoryFile(readFileSync(rest[0]));
      const oldSecret = loadOrCreateInstallSecret(dataDir);
      const staged = stageNewInstallSecret(dataDir);
      const store = Store.open(dbPath);
      try {
        const report = rotateInstallSecret(store, config, oldSecret, staged.secret, csv, systemClock);
        commitNewInstallSecret(dataDir, staged.path);
        console.log(`secret rotated: ${report.codesReissued} codes re-issued, ${report.messagesResealed} queued messages re-sealed, badges of ${report.badges.added + report.badges.updated + report.badges.unchanged} people re-enrolled, ${report.badges.rejected.length} rows rejected`);
        console.log('back up the data folder now: older backups hold the old secret');
        return 0;
      } finally {
        store.close();
      }
    }
    case 'config-doc':
      console.log(JSON.stringify(configSchema.toJSONSchema({ io: 'input', unrepresentable: 'any' }), null, 2));
      return 0;
  }
  console.error(USAGE);
  return 2;
}

run(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error) => {
    console.error(error instanceof ConfigError ? `invalid configuration: ${error.message}` : `error: ${(error as Error).message}`);
    process.exit(1);
  });

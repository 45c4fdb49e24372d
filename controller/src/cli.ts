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
import { BadgeDirectory } from './services/badge-directory.ts';
import { importDirectory } from './services/directory-import.ts';
import { Store } from './store/store.ts';

const USAGE = `usage: npm run lockerwall -- <command>
  import-directory <file.csv>          add or update recipients from an HR export (idempotent)
  verify-log                           check the hash chain of the custody log
  add-staff <id> <name> <clerk|admin>  create or update a clerk/admin; reads the PIN from LOCKERWALL_NEW_PIN
  config-doc                           print every setting with its description (JSON Schema)
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
      const report = importDirectory(readFileSync(rest[0], 'utf8'), store, new BadgeDirectory(store, secrets), systemClock);
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

import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LockerwallConfig } from '../../config/schema.ts';
import { systemClock, type Clock } from './domain/types.ts';
import { createBoards } from './hardware/create-boards.ts';
import type { DoorSimulator } from './http/deps.ts';
import type { Logger } from './logger.ts';
import { createChannels } from './notify/create-channels.ts';
import { OutboxWorker } from './notify/outbox-worker.ts';
import { SecretKeeper } from './security/digests.ts';
import { loadOrCreateInstallSecret } from './security/install-secret.ts';
import { BadgeDirectory } from './services/badge-directory.ts';
import { DepositService } from './services/deposit.ts';
import { DoorChecks } from './services/door-checks.ts';
import { importDirectory } from './services/directory-import.ts';
import { IntakeGates } from './services/intake-gates.ts';
import { WallEventBus } from './services/event-bus.ts';
import { Notifications } from './services/notifications.ts';
import { OutgoingMail } from './services/outgoing.ts';
import { OutgoingStatistics } from './services/outgoing-statistics.ts';
import { ParcelCustody } from './services/parcel-custody.ts';
import { PickupService } from './services/pickup.ts';
import { ReminderScheduler } from './services/reminder-scheduler.ts';
import { Returns } from './services/returns.ts';
import { MailroomStatistics } from './services/statistics.ts';
import { ReaderInputs } from './services/reader-inputs.ts';
import { StaffAuth } from './services/staff-auth.ts';
import { makeTrackingResolver } from './services/tracking.ts';
import { normaliseScan } from './readers/index.ts';
import { Wall } from './services/wall.ts';
import { Store } from './store/store.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DEMO_DIRECTORY = join(REPO_ROOT, 'config/examples/directory.csv');

/** The services of one wall, wired but not yet listening. */
export async function composeWall(config: LockerwallConfig, log: Logger, clock: Clock = systemClock) {
  const dataDir = resolve(config.dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secrets = new SecretKeeper(loadOrCreateInstallSecret(dataDir));
  const store = Store.open(join(dataDir, 'lockerwall.sqlite'));
  const bus = new WallEventBus();
  const hardware = await createBoards(config);
  const wall = new Wall(config, store, hardware.boards, bus, clock);
  const badges = new BadgeDirectory(store, secrets, config.readers.badge.format);
  const notifications = new Notifications(store, config, secrets);
  new ParcelCustody(config, store, wall, secrets, notifications, bus, clock);
  const scanOptions = { prefixes: config.readers.scanner.prefixes, suffixes: config.readers.scanner.suffixes };
  const deposit = new DepositService(config, store, wall, makeTrackingResolver(scanOptions), bus, clock);
  const pickup = new PickupService(store, wall, secrets, badges, bus, clock, config);
  const auth = new StaffAuth(config, store, badges, clock);
  const channels = createChannels(config, dataDir);
  const outbox = new OutboxWorker(
    store,
    channels.channels,
    secrets,
    clock,
    (msg, extra) => log.warn(extra, msg),
    { maxAttempts: config.notify.maxAttempts, baseDelayMs: config.notify.retryBaseSeconds * 1000 },
  );
  bus.on('parcel', () => void outbox.kick());
  const mailroom = {
    gates: new IntakeGates(store, bus, clock),
    returns: new Returns(store, wall, bus, clock),
    statistics: new MailroomStatistics(config, store),
    scheduler: new ReminderScheduler(config, store, notifications, bus, clock, () => void outbox.kick()),
  };
  const outgoing = {
    mail: new OutgoingMail(config, store, wall, notifications, bus, clock, () => void outbox.kick()),
    statistics: new OutgoingStatistics(config, store, (from, to) => mailroom.statistics.compute(from, to, 'month').byDepartment),
    badges,
  };

  if (config.demo && store.recipients.count() === 0) {
    const report = importDirectory(readFileSync(DEMO_DIRECTORY, 'utf8'), store, badges, clock);
    log.info({ added: report.added, rejected: report.rejected.length }, 'demo directory loaded');
  }
  await auth.seedDemoStaff();

  const simulator: DoorSimulator | undefined = hardware.simulator;
  const readers = new ReaderInputs(config, bus, { warn: (obj, msg) => log.warn(obj, msg) });

  return {
    config,
    store,
    bus,
    wall,
    badges,
    deposit,
    pickup,
    auth,
    outbox,
    mailroom,
    outgoing,
    simulator,
    secrets,
    readers,
    doorChecks: new DoorChecks(store, wall, bus, clock),
    boards: hardware.boards,
    normaliseScan: (raw: string) => normaliseScan(raw, scanOptions),
    async start() {
      await wall.start();
      outbox.start();
      mailroom.scheduler.start();
      outgoing.mail.start();
      await readers.start();
    },
    async stop() {
      await readers.stop();
      mailroom.scheduler.stop();
      outgoing.mail.stop();
      await outbox.stop();
      channels.close();
      await wall.stop();
      await hardware.dispose();
      store.close();
    },
  };
}

export type ComposedWall = Awaited<ReturnType<typeof composeWall>>;

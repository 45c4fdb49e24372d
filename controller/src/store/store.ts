import { ApiTokensRepo } from './api-tokens-repo.ts';
import { CredentialsRepo } from './credentials-repo.ts';
import { openDatabase, type Db } from './database.ts';
import { DoorJournalRepo } from './door-journal-repo.ts';
import { DoorsRepo } from './doors-repo.ts';
import { MailroomRepo } from './mailroom-repo.ts';
import { OutboxRepo } from './outbox-repo.ts';
import { OutgoingRepo } from './outgoing-repo.ts';
import { ParcelsRepo } from './parcels-repo.ts';
import { RecipientsRepo } from './recipients-repo.ts';
import { StaffRepo } from './staff-repo.ts';

/** All repositories over one connection, plus the transaction boundary services use. */
export class Store {
  readonly recipients: RecipientsRepo;
  readonly doors: DoorsRepo;
  readonly parcels: ParcelsRepo;
  readonly credentials: CredentialsRepo;
  readonly journal: DoorJournalRepo;
  readonly staff: StaffRepo;
  readonly outbox: OutboxRepo;
  readonly apiTokens: ApiTokensRepo;
  readonly mailroom: MailroomRepo;
  readonly outgoing: OutgoingRepo;

  constructor(readonly db: Db) {
    this.recipients = new RecipientsRepo(db);
    this.doors = new DoorsRepo(db);
    this.parcels = new ParcelsRepo(db);
    this.credentials = new CredentialsRepo(db);
    this.journal = new DoorJournalRepo(db);
    this.staff = new StaffRepo(db);
    this.outbox = new OutboxRepo(db);
    this.apiTokens = new ApiTokensRepo(db);
    this.mailroom = new MailroomRepo(db);
    this.outgoing = new OutgoingRepo(db);
  }

  static open(path: string): Store {
    return new Store(openDatabase({ path }));
  }

  /** Runs `work` in one IMMEDIATE transaction: all of it is committed, or none. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  close(): void {
    this.db.close();
  }
}

/**
 * Versioned schema migrations. Each entry moves the database from version i to i+1 and runs in one
 * transaction; `PRAGMA user_version` records the version reached. Never edit a released entry: append.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE recipients (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_latin TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    department TEXT NOT NULL DEFAULT '',
    locale TEXT NOT NULL DEFAULT 'en',
    role TEXT NOT NULL DEFAULT 'employee' CHECK (role IN ('employee','clerk','admin')),
    collects_for TEXT NOT NULL DEFAULT '[]',
    needs_accessible_door INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL
  );

  CREATE TABLE staff (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('clerk','admin')),
    pin_hash TEXT,
    recipient_id TEXT REFERENCES recipients(id),
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
  );

  CREATE TABLE doors (
    id TEXT PRIMARY KEY,
    size TEXT NOT NULL CHECK (size IN ('S','M','L','XL')),
    board TEXT NOT NULL,
    channel INTEGER NOT NULL,
    col INTEGER NOT NULL,
    row INTEGER NOT NULL,
    accessible INTEGER NOT NULL DEFAULT 0,
    secure INTEGER NOT NULL DEFAULT 0,
    in_config INTEGER NOT NULL DEFAULT 1,
    enabled INTEGER NOT NULL DEFAULT 1,
    open INTEGER NOT NULL DEFAULT 0,
    locked INTEGER NOT NULL DEFAULT 1,
    fault TEXT,
    updated_at TEXT NOT NULL
  );

  CREATE TABLE parcels (
    id TEXT PRIMARY KEY,
    tracking TEXT NOT NULL,
    carrier TEXT,
    raw_scan TEXT,
    recipient_id TEXT NOT NULL REFERENCES recipients(id),
    door_id TEXT REFERENCES doors(id),
    size TEXT NOT NULL,
    classes TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL CHECK (status IN ('awaiting_close','stored','pickup_open','collected','cancelled')),
    deposited_by TEXT NOT NULL,
    deposited_at TEXT NOT NULL,
    stored_at TEXT,
    collected_at TEXT,
    collected_by TEXT
  );
  CREATE INDEX parcels_by_status ON parcels(status);
  CREATE INDEX parcels_by_recipient ON parcels(recipient_id, status);
  CREATE INDEX parcels_by_tracking ON parcels(tracking, deposited_at);
  CREATE UNIQUE INDEX one_active_parcel_per_door ON parcels(door_id)
    WHERE status IN ('awaiting_close','stored','pickup_open');

  -- The custody log: append-only, each row chained to the previous one by a SHA-256 hash.
  CREATE TABLE parcel_events (
    seq INTEGER PRIMARY KEY,
    parcel_id TEXT NOT NULL REFERENCES parcels(id),
    at TEXT NOT NULL,
    type TEXT NOT NULL,
    actor TEXT NOT NULL,
    door_id TEXT,
    detail TEXT NOT NULL DEFAULT '{}',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  );
  CREATE INDEX parcel_events_by_parcel ON parcel_events(parcel_id, seq);
  CREATE TRIGGER parcel_events_append_only_update BEFORE UPDATE ON parcel_events
    BEGIN SELECT RAISE(ABORT, 'parcel events are append-only'); END;
  CREATE TRIGGER parcel_events_append_only_delete BEFORE DELETE ON parcel_events
    BEGIN SELECT RAISE(ABORT, 'parcel events are append-only'); END;

  -- Pickup codes and badges are stored only as HMAC digests keyed by the per-install secret.
  CREATE TABLE credentials (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('pickup_code','badge')),
    digest TEXT NOT NULL,
    recipient_id TEXT REFERENCES recipients(id),
    parcel_id TEXT REFERENCES parcels(id),
    -- badges: the width in bits of this match key, and the widest width the enrolment knew
    key_width INTEGER,
    enrolled_width INTEGER,
    created_at TEXT NOT NULL,
    expires_at TEXT,
    used_at TEXT
  );
  CREATE INDEX credentials_by_digest ON credentials(kind, digest);
  CREATE UNIQUE INDEX unused_pickup_codes_unique ON credentials(digest)
    WHERE kind = 'pickup_code' AND used_at IS NULL;
  CREATE INDEX credentials_by_recipient ON credentials(recipient_id, kind);

  -- The door safety journal: the intent is committed before a lock is energised, the outcome after.
  CREATE TABLE door_operations (
    id TEXT PRIMARY KEY,
    door_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    actor TEXT NOT NULL,
    parcel_id TEXT,
    requested_at TEXT NOT NULL,
    outcome TEXT CHECK (outcome IN ('pulsed','failed','unknown')),
    finished_at TEXT,
    error TEXT
  );
  CREATE INDEX door_operations_pending ON door_operations(outcome) WHERE outcome IS NULL;

  CREATE TABLE sessions (
    token_digest TEXT PRIMARY KEY,
    staff_id TEXT NOT NULL REFERENCES staff(id),
    role TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );

  -- Transactional outbox: written in the same transaction as the state change it announces.
  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    event TEXT NOT NULL,
    recipient_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    payload TEXT NOT NULL,
    sealed_secret TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    delivered_at TEXT,
    dead_at TEXT,
    last_error TEXT
  );
  CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE delivered_at IS NULL AND dead_at IS NULL;
  `,

  // 2: mailroom rules. SQLite cannot widen a CHECK in place (and writable_schema is off in defensive
  // mode), so parcels is rebuilt with the new statuses and gate columns; its two child tables are
  // rebuilt first against the new table so no foreign key ever dangles (a rename carries references).
  `
  CREATE TABLE parcels_new (
    id TEXT PRIMARY KEY,
    tracking TEXT NOT NULL,
    carrier TEXT,
    raw_scan TEXT,
    recipient_id TEXT NOT NULL REFERENCES recipients(id),
    door_id TEXT REFERENCES doors(id),
    size TEXT NOT NULL,
    classes TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL CHECK (status IN ('held','awaiting_close','stored','pickup_open','collected','cancelled','returned')),
    deposited_by TEXT NOT NULL,
    deposited_at TEXT NOT NULL,
    stored_at TEXT,
    collected_at TEXT,
    collected_by TEXT,
    inspection TEXT NOT NULL DEFAULT 'not_required' CHECK (inspection IN ('not_required','pending','cleared','quarantined')),
    inspection_reason TEXT,
    media_check TEXT NOT NULL DEFAULT 'not_required' CHECK (media_check IN ('not_required','pending','clean')),
    declared_value REAL,
    declared_currency TEXT,
    intake_condition TEXT,
    pickup_condition TEXT,
    next_reminder_at TEXT,
    reminders_sent INTEGER NOT NULL DEFAULT 0,
    escalate_at TEXT,
    escalated_at TEXT,
    expires_at TEXT,
    expired_at TEXT,
    returned_at TEXT
  );
  INSERT INTO parcels_new (id, tracking, carrier, raw_scan, recipient_id, door_id, size, classes, status, deposited_by, deposited_at, stored_at, collected_at, collected_by)
    SELECT id, tracking, carrier, raw_scan, recipient_id, door_id, size, classes, status, deposited_by, deposited_at, stored_at, collected_at, collected_by FROM parcels;

  CREATE TABLE parcel_events_new (
    seq INTEGER PRIMARY KEY,
    parcel_id TEXT NOT NULL REFERENCES parcels_new(id),
    at TEXT NOT NULL,
    type TEXT NOT NULL,
    actor TEXT NOT NULL,
    door_id TEXT,
    detail TEXT NOT NULL DEFAULT '{}',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  );
  INSERT INTO parcel_events_new SELECT seq, parcel_id, at, type, actor, door_id, detail, prev_hash, hash FROM parcel_events;

  CREATE TABLE credentials_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('pickup_code','badge')),
    digest TEXT NOT NULL,
    recipient_id TEXT REFERENCES recipients(id),
    parcel_id TEXT REFERENCES parcels_new(id),
    key_width INTEGER,
    enrolled_width INTEGER,
    created_at TEXT NOT NULL,
    expires_at TEXT,
    used_at TEXT
  );
  INSERT INTO credentials_new SELECT id, kind, digest, recipient_id, parcel_id, key_width, enrolled_width, created_at, expires_at, used_at FROM credentials;

  DROP TABLE credentials;
  DROP TABLE parcel_events;
  DROP TABLE parcels;
  ALTER TABLE parcels_new RENAME TO parcels;
  ALTER TABLE parcel_events_new RENAME TO parcel_events;
  ALTER TABLE credentials_new RENAME TO credentials;

  CREATE INDEX parcels_by_status ON parcels(status);
  CREATE INDEX parcels_by_recipient ON parcels(recipient_id, status);
  CREATE INDEX parcels_by_tracking ON parcels(tracking, deposited_at);
  CREATE INDEX parcels_by_deposit_time ON parcels(deposited_at);
  CREATE UNIQUE INDEX one_active_parcel_per_door ON parcels(door_id)
    WHERE status IN ('awaiting_close','stored','pickup_open');
  CREATE INDEX parcel_events_by_parcel ON parcel_events(parcel_id, seq);
  CREATE TRIGGER parcel_events_append_only_update BEFORE UPDATE ON parcel_events
    BEGIN SELECT RAISE(ABORT, 'parcel events are append-only'); END;
  CREATE TRIGGER parcel_events_append_only_delete BEFORE DELETE ON parcel_events
    BEGIN SELECT RAISE(ABORT, 'parcel events are append-only'); END;
  CREATE INDEX credentials_by_digest ON credentials(kind, digest);
  CREATE UNIQUE INDEX unused_pickup_codes_unique ON credentials(digest)
    WHERE kind = 'pickup_code' AND used_at IS NULL;
  CREATE INDEX credentials_by_recipient ON credentials(recipient_id, kind);

  -- Handover proof of registered items: a signature (compact stroke JSON) or the collector's badge.
  CREATE TABLE receipts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    parcel_id TEXT NOT NULL REFERENCES parcels(id),
    kind TEXT NOT NULL CHECK (kind IN ('signature','badge')),
    collector_id TEXT,
    signature TEXT,
    pickup_condition TEXT,
    at TEXT NOT NULL
  );
  CREATE INDEX receipts_by_parcel ON receipts(parcel_id);

  -- Insurance claims for damaged or lost insured items.
  CREATE TABLE claims (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    parcel_id TEXT NOT NULL REFERENCES parcels(id),
    kind TEXT NOT NULL CHECK (kind IN ('damaged','lost')),
    note TEXT NOT NULL DEFAULT '',
    reported_by TEXT NOT NULL,
    at TEXT NOT NULL
  );

  -- Per-recipient settings the directory import does not own.
  CREATE TABLE recipient_preferences (
    recipient_id TEXT PRIMARY KEY REFERENCES recipients(id),
    channel TEXT,
    hold_until TEXT,
    allow_confidential_delegation INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
  );

  ALTER TABLE outbox ADD COLUMN parcel_id TEXT;
  `,

  // 3: a recipient may choose the language of their messages over the directory's locale.
  `
  ALTER TABLE recipient_preferences ADD COLUMN locale TEXT CHECK (locale IN ('zh-CN','zh-TW','en'));
  `,

  // 4: API tokens for integrations (stored as SHA-256 only), with scopes.
  `
  CREATE TABLE api_tokens (
    name TEXT PRIMARY KEY,
    token_digest TEXT NOT NULL UNIQUE,
    scopes TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT
  );
  `,
  // 5: outgoing mail: items employees drop off at the wall, their append-only timeline, carrier claims.
  `
  CREATE TABLE outgoing_items (
    id TEXT PRIMARY KEY,
    sender_id TEXT NOT NULL REFERENCES recipients(id),
    department TEXT NOT NULL DEFAULT '',
    addressee TEXT NOT NULL,
    country TEXT NOT NULL,
    service TEXT NOT NULL CHECK (service IN ('standard_letter','registered','express','insured')),
    declared_value REAL,
    declared_currency TEXT,
    door_id TEXT,
    status TEXT NOT NULL CHECK (status IN ('awaiting_close','awaiting_dispatch','collected','dispatched','in_transit','exception','delivered','returned','cancelled')),
    dropped_off_at TEXT NOT NULL,
    closed_at TEXT,
    collected_at TEXT,
    dispatched_at TEXT,
    carrier TEXT,
    product TEXT,
    tracking TEXT,
    postage REAL,
    postage_currency TEXT,
    expected_delivery_date TEXT,
    delivered_at TEXT,
    alert TEXT CHECK (alert IN ('exception','late')),
    updated_at TEXT NOT NULL
  );
  CREATE UNIQUE INDEX outgoing_one_item_per_door ON outgoing_items(door_id)
    WHERE status IN ('awaiting_close','awaiting_dispatch');
  CREATE UNIQUE INDEX outgoing_by_tracking ON outgoing_items(tracking) WHERE tracking IS NOT NULL;
  CREATE INDEX outgoing_by_status ON outgoing_items(status);
  CREATE INDEX outgoing_by_dispatch_time ON outgoing_items(dispatched_at);

  CREATE TABLE outgoing_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id TEXT NOT NULL REFERENCES outgoing_items(id),
    at TEXT NOT NULL,
    type TEXT NOT NULL,
    actor TEXT NOT NULL,
    door_id TEXT,
    detail TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX outgoing_events_by_item ON outgoing_events(item_id, seq);
  CREATE TRIGGER outgoing_events_append_only_update BEFORE UPDATE ON outgoing_events
    BEGIN SELECT RAISE(ABORT, 'outgoing events are append-only'); END;
  CREATE TRIGGER outgoing_events_append_only_delete BEFORE DELETE ON outgoing_events
    BEGIN SELECT RAISE(ABORT, 'outgoing events are append-only'); END;

  CREATE TABLE outgoing_claims (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id TEXT NOT NULL REFERENCES outgoing_items(id),
    kind TEXT NOT NULL CHECK (kind IN ('lost','damaged')),
    note TEXT NOT NULL DEFAULT '',
    reported_by TEXT NOT NULL,
    reported_at TEXT NOT NULL
  );
  CREATE INDEX outgoing_claims_by_item ON outgoing_claims(item_id);

  -- Last line of defence until door occupancy counts outgoing items: an incoming parcel never goes
  -- into a door that holds someone's outgoing mail (its recipient could take the letter).
  CREATE TRIGGER parcels_never_into_outgoing_door_insert BEFORE INSERT ON parcels
    WHEN NEW.door_id IS NOT NULL AND EXISTS (SELECT 1 FROM outgoing_items o WHERE o.door_id = NEW.door_id AND o.status IN ('awaiting_close','awaiting_dispatch'))
    BEGIN SELECT RAISE(ABORT, 'this door holds outgoing mail'); END;
  CREATE TRIGGER parcels_never_into_outgoing_door_update BEFORE UPDATE OF door_id ON parcels
    WHEN NEW.door_id IS NOT NULL AND EXISTS (SELECT 1 FROM outgoing_items o WHERE o.door_id = NEW.door_id AND o.status IN ('awaiting_close','awaiting_dispatch'))
    BEGIN SELECT RAISE(ABORT, 'this door holds outgoing mail'); END;
  `,
];

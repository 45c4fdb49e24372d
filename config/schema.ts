import { z } from 'zod';

/**
 * The single schema of every Lockerwall setting: it validates config files, supplies defaults and
 * documents each option (`npm run lockerwall -- config-doc` prints it).
 */

export const DOOR_SIZES = ['S', 'M', 'L', 'XL'] as const;
export const BADGE_FORMATS = ['hex10', 'dec12', 'dec10', 'dec8', 'fac,card', 'hex-uid', 'hex-uid-reversed', 'dec-uid', 'dec-uid-reversed'] as const;
export const HARDWARE_DRIVERS = ['sim', 'lwp', 'kerong-cu16', 'board-8a', 'gpio'] as const;

const boardSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,16}$/).describe('Board id used by doors[].board, e.g. "A".'),
    driver: z
      .enum(HARDWARE_DRIVERS)
      .optional()
      .describe('Driver for this board; defaults to hardware.driver.'),
    channels: z.number().int().min(1).max(128).describe('Number of lock channels on the board.'),
    port: z
      .string()
      .optional()
      .describe('Serial device (prefer /dev/serial/by-id/...). Empty with lwp: a simulator on a PTY is started.'),
    baudRate: z.number().int().positive().optional().describe('Serial speed; the driver default when unset.'),
    address: z.number().int().min(0).max(255).optional().describe('Bus address for multi-drop RS-485 boards.'),
    options: z
      .record(z.string(), z.unknown())
      .default({})
      .describe('Driver-specific settings (e.g. GPIO pins, feedback polarity).'),
  })
  .strict();

const doorSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,16}$/).describe('Door label as printed on the door, e.g. "12".'),
    size: z.enum(DOOR_SIZES).describe('Compartment size S, M, L or XL.'),
    board: z.string().describe('Id of the board that drives this door.'),
    channel: z.number().int().min(1).describe('Channel on that board, from 1.'),
    column: z.number().int().min(0).describe('Column on the wall picture, from 0 at the left.'),
    row: z.number().int().min(0).describe('Row on the wall picture, from 0 at the top.'),
    accessible: z.boolean().default(false).describe('Reachable from a wheelchair (height rule).'),
    secure: z.boolean().default(false).describe('Reinforced door allowed to hold confidential items.'),
    owner: z
      .string()
      .regex(/^(dept:.+|[A-Za-z0-9_-]{1,32})$/)
      .optional()
      .describe('A dedicated door (personal box): an employee id ("E1003") or a department ("dept:Legal"). Their mail goes here first; nobody else\'s ever does.'),
  })
  .strict();

function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

const rulesSchema = z
  .object({
    inspectedAtIntake: z
      .boolean()
      .default(false)
      .describe('Small mailrooms: the clerk inspects at the counter, so parcels go straight to a door. False: every parcel is held until cleared.'),
    businessHours: z
      .object({
        timeZone: z
          .string()
          .refine(isTimeZone, { message: 'not an IANA time zone this Node.js knows (e.g. "Asia/Shanghai")' })
          .default('UTC')
          .describe('IANA time zone of the mailroom, e.g. "America/New_York" or "Asia/Shanghai".'),
        workingDays: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5]).describe('ISO weekdays the mailroom works (1 Monday … 7 Sunday).'),
        open: hhmm.default('09:00').describe('Local time the working day starts.'),
        close: hhmm.default('17:00').describe('Local time the working day ends.'),
        holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]).describe('Local dates (YYYY-MM-DD) the mailroom is closed.'),
      })
      .strict()
      .default({ timeZone: 'UTC', workingDays: [1, 2, 3, 4, 5], open: '09:00', close: '17:00', holidays: [] }),
    reminders: z
      .object({
        enabled: z.boolean().default(true).describe('Remind recipients of parcels they have not collected.'),
        at: hhmm.default('09:00').describe('First reminder: the next business day after the deposit at this local time.'),
        everyBusinessDays: z.number().int().min(1).default(1).describe('Further reminders this many business days apart.'),
        max: z.number().int().min(0).default(3).describe('At most this many reminders per parcel.'),
      })
      .strict()
      .default({ enabled: true, at: '09:00', everyBusinessDays: 1, max: 3 }),
    expiry: z
      .object({
        afterBusinessDays: z
          .number()
          .int()
          .min(1)
          .default(5)
          .describe('A parcel not collected after this many business days goes on the clerk\'s "return to mailroom" list.'),
      })
      .strict()
      .default({ afterBusinessDays: 5 }),
    express: z
      .object({
        escalateAfterHours: z
          .number()
          .positive()
          .default(2)
          .describe('An express item not collected this many hours after it was stored is announced to the recipient\'s delegates and department representatives.'),
      })
      .strict()
      .default({ escalateAfterHours: 2 }),
    signature: z
      .object({
        minPoints: z.number().int().min(2).default(10).describe('A signature needs at least this many points.'),
        minExtentPx: z.number().min(1).default(40).describe('…and its bounding box at least this wide or tall (pixels).'),
      })
      .strict()
      .default({ minPoints: 10, minExtentPx: 40 }),
    schedulerIntervalSeconds: z.number().positive().default(30).describe('How often reminders, escalations and expiry are checked.'),
  })
  .strict()
  .default({
    inspectedAtIntake: false,
    businessHours: { timeZone: 'UTC', workingDays: [1, 2, 3, 4, 5], open: '09:00', close: '17:00', holidays: [] },
    reminders: { enabled: true, at: '09:00', everyBusinessDays: 1, max: 3 },
    expiry: { afterBusinessDays: 5 },
    express: { escalateAfterHours: 2 },
    signature: { minPoints: 10, minExtentPx: 40 },
    schedulerIntervalSeconds: 30,
  })
  .describe('Mailroom rules: intake gates, business hours, reminders, expiry, express escalation, signatures.');

const smtpSchema = z
  .object({
    host: z.string().default('127.0.0.1').describe('SMTP server.'),
    port: z.number().int().min(1).max(65535).default(25).describe('SMTP port (587 with STARTTLS, 465 with TLS).'),
    secure: z.boolean().default(false).describe('TLS from the first byte (port 465).'),
    user: z.string().optional().describe('SMTP user name.'),
    password: z.string().optional().describe('SMTP password.'),
    from: z.string().default('Lockerwall <lockerwall@localhost>').describe('Sender address of notification emails.'),
  })
  .strict()
  .default({ host: '127.0.0.1', port: 25, secure: false, from: 'Lockerwall <lockerwall@localhost>' });

const webhookSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/).describe('Name used in channels as "webhook:<id>".'),
    preset: z.enum(['wecom', 'dingtalk', 'feishu', 'slack', 'teams', 'json']).describe('Message format of the receiving platform.'),
    url: z.string().url().describe('The bot or incoming-webhook URL.'),
  })
  .strict();

export const OUTGOING_SERVICES = ['standard_letter', 'registered', 'express', 'insured'] as const;
export type OutgoingService = (typeof OUTGOING_SERVICES)[number];
const alpha2 = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 country code in capitals, e.g. "CN"');

const carrierRuleSchema = z
  .object({
    service: z.enum(OUTGOING_SERVICES).optional().describe('Service this rule is for; unset: every service.'),
    destination: z.enum(['domestic', 'international', 'any']).default('any').describe('Domestic (the home country), international, or any destination.'),
    countries: z.array(alpha2).default([]).describe('Only these destination countries (empty: every country of the destination).'),
    carrier: z.string().min(1).max(32).describe('Carrier suggested to the clerk, e.g. "china-post", "sf-express", "dhl".'),
    product: z.string().min(1).max(64).describe('Carrier product, e.g. "Domestic letter", "Express Worldwide".'),
  })
  .strict();

export const DEFAULT_CARRIER_RULES = [
  { service: 'standard_letter', destination: 'domestic', countries: [], carrier: 'china-post', product: 'Domestic letter' },
  { service: 'registered', destination: 'domestic', countries: [], carrier: 'china-post', product: 'Domestic registered letter' },
  { service: 'insured', destination: 'domestic', countries: [], carrier: 'china-post', product: 'Domestic insured letter' },
  { service: 'express', destination: 'domestic', countries: [], carrier: 'sf-express', product: 'SF Standard Express' },
  { service: 'standard_letter', destination: 'international', countries: [], carrier: 'china-post', product: 'International letter' },
  { service: 'registered', destination: 'international', countries: [], carrier: 'china-post', product: 'International registered letter' },
  { service: 'insured', destination: 'international', countries: [], carrier: 'china-post', product: 'International insured letter' },
  { service: 'express', destination: 'international', countries: [], carrier: 'dhl', product: 'DHL Express Worldwide' },
] as const satisfies readonly z.input<typeof carrierRuleSchema>[];

const outgoingSchema = z
  .object({
    homeCountry: alpha2.default('CN').describe('Country of the mailroom: destinations here are domestic, all others international.'),
    carrierRules: z
      .array(carrierRuleSchema)
      .default(DEFAULT_CARRIER_RULES.map((r) => ({ ...r, countries: [...r.countries] })))
      .describe('Carrier suggestion for the clerk: the first rule matching the service and destination wins; the clerk may override.'),
    tracking: z
      .object({
        genericSecret: z.string().default('').describe('Shared secret of POST /api/outgoing/tracking/generic (header X-Lockerwall-Secret); empty: refused.'),
        kuaidi100Salt: z.string().default('').describe('Salt given to Kuaidi100 when subscribing; pushes are checked against sign = MD5(param + salt). Empty: refused.'),
        aftershipSecret: z.string().default('').describe('AfterShip webhook secret; pushes are checked against the aftership-hmac-sha256 header. Empty: refused.'),
      })
      .strict()
      .default({ genericSecret: '', kuaidi100Salt: '', aftershipSecret: '' }),
    lateCheckMinutes: z.number().positive().default(60).describe('How often dispatched items past their expected delivery date are looked for (late alarm).'),
  })
  .strict()
  .default({
    homeCountry: 'CN',
    carrierRules: DEFAULT_CARRIER_RULES.map((r) => ({ ...r, countries: [...r.countries] })),
    tracking: { genericSecret: '', kuaidi100Salt: '', aftershipSecret: '' },
    lateCheckMinutes: 60,
  })
  .describe('Outgoing mail: carrier suggestion rules, tracking-aggregator secrets, late-delivery check.');

export const configSchema = z
  .object({
    wallId: z
      .string()
      .regex(/^[a-z0-9_-]{1,32}$/)
      .default('wall-1')
      .describe('Identifies this wall on MQTT and in notifications (lowercase letters, digits, - and _).'),
    wallName: z.string().default('Mailroom wall').describe('Human name of the wall shown in messages.'),
    demo: z
      .boolean()
      .default(false)
      .describe('Demo mode: loads config/examples/directory.csv at first start and the demo clerk PIN 1234.'),
    dataDir: z.string().default('./data').describe('Folder for the SQLite database, secrets and the file channel.'),
    http: z
      .object({
        port: z.number().int().min(0).max(65535).default(8080).describe('HTTP port of the kiosk UI and API.'),
        host: z.string().default('127.0.0.1').describe('Address to listen on; the kiosk browser runs on the same machine.'),
        maxBodyBytes: z.number().int().positive().default(65536).describe('Larger request bodies get 413.'),
        allowedHosts: z
          .array(z.string())
          .default([])
          .describe('Host names the API answers besides localhost and http.host (e.g. the admin PC uses "lockerwall.mailroom.lan"); others get 421, which stops DNS rebinding.'),
      })
      .strict()
      .default({ port: 8080, host: '127.0.0.1', maxBodyBytes: 65536, allowedHosts: [] }),
    hardware: z
      .object({
        driver: z.enum(HARDWARE_DRIVERS).default('sim').describe('Default driver for boards without their own.'),
        pulseMs: z.number().int().min(50).max(5000).default(500).describe('How long a lock is energised.'),
        simAutoCloseMs: z
          .number()
          .int()
          .min(0)
          .default(0)
          .describe('Simulator only: close a door by itself this long after it opened (0: wait for /api/sim).'),
        closeTimeoutMs: z
          .number()
          .int()
          .positive()
          .default(120000)
          .describe('After this long an open door is reported as left open.'),
      })
      .strict()
      .default({ driver: 'sim', pulseMs: 500, simAutoCloseMs: 0, closeTimeoutMs: 120000 }),
    boards: z.array(boardSchema).min(1).describe('Lock boards of the wall.'),
    doors: z.array(doorSchema).min(1).describe('Doors of the wall and the board channel each one uses.'),
    pickup: z
      .object({
        codeTtlHours: z.number().positive().default(168).describe('A pickup code expires after this many hours.'),
      })
      .strict()
      .default({ codeTtlHours: 168 }),
    deposit: z
      .object({
        duplicateWindowSeconds: z
          .number()
          .int()
          .min(0)
          .default(60)
          .describe('The same tracking number deposited again within this window is refused as a double scan.'),
      })
      .strict()
      .default({ duplicateWindowSeconds: 60 }),
    clerk: z
      .object({
        sessionMinutes: z.number().positive().default(30).describe('Clerk and admin sessions expire after this.'),
      })
      .strict()
      .default({ sessionMinutes: 30 }),
    readers: z
      .object({
        scanner: z
          .object({
            port: z.string().optional().describe('Serial scanner device; unset when the scanner is a keyboard wedge on the kiosk.'),
            baudRate: z.number().int().positive().default(9600).describe('Serial scanner speed.'),
            prefixes: z.array(z.string()).default([]).describe('Keyboard-wedge prefixes the scanner is programmed to add.'),
            suffixes: z.array(z.string()).default([]).describe('Keyboard-wedge suffixes the scanner is programmed to add.'),
            repeatWindowMs: z.number().int().min(0).default(1500).describe('The same label again within this window is one scan.'),
          })
          .strict()
          .default({ baudRate: 9600, prefixes: [], suffixes: [], repeatWindowMs: 1500 }),
        badge: z
          .object({
            port: z.string().optional().describe('Serial badge reader device; unset for a keyboard-wedge reader on the kiosk.'),
            baudRate: z.number().int().positive().default(9600).describe('Serial badge reader speed (RDM6300: 9600).'),
            protocol: z.enum(['rdm6300', 'wedge-line']).default('rdm6300').describe('RDM6300 frames, or one typed line per tap.'),
            format: z
              .enum(BADGE_FORMATS)
              .optional()
              .describe('What the kiosk reader types (hex10, dec10, dec8, fac,card, dec12, MIFARE UID ...). Unset: guessed per tap.'),
            holdWindowMs: z.number().int().min(0).default(1500).describe('A card held on the reader repeats; within this window it is one tap.'),
          })
          .strict()
          .default({ baudRate: 9600, protocol: 'rdm6300', holdWindowMs: 1500 }),
      })
      .strict()
      .default({
        scanner: { baudRate: 9600, prefixes: [], suffixes: [], repeatWindowMs: 1500 },
        badge: { baudRate: 9600, protocol: 'rdm6300', holdWindowMs: 1500 },
      })
      .describe('Barcode scanner and badge reader.'),
    ops: z
      .object({
        backup: z
          .object({
            dir: z.string().default('').describe('Folder for periodic backups; empty: <dataDir>/backups. Best on another disk.'),
            intervalHours: z.number().min(0).default(24).describe('Hours between periodic backups; 0 turns them off.'),
            keep: z.number().int().min(1).default(14).describe('Periodic backups kept; older ones are deleted.'),
          })
          .strict()
          .default({ dir: '', intervalHours: 24, keep: 14 }),
        minFreeDiskMb: z
          .number()
          .int()
          .min(0)
          .default(50)
          .describe('Below this free space on the data disk deposits are refused (507) before any door opens.'),
      })
      .strict()
      .default({ backup: { dir: '', intervalHours: 24, keep: 14 }, minFreeDiskMb: 50 })
      .describe('Backups and the disk-full guard.'),
    mqtt: z
      .object({
        url: z.string().default('').describe('Broker URL (mqtt://, mqtts://). Empty: start the embedded broker.'),
        port: z.number().int().min(0).max(65535).default(1883).describe('Port of the embedded broker.'),
        host: z.string().default('127.0.0.1').describe('Address the embedded broker listens on.'),
        topicPrefix: z.string().regex(/^[^+#]+$/).default('lockerwall').describe('Root of every topic.'),
        username: z.string().optional().describe('Broker user name.'),
        password: z.string().optional().describe('Broker password.'),
        discovery: z.boolean().default(true).describe('Publish Home Assistant discovery under homeassistant/.'),
        discoveryPrefix: z.string().regex(/^[^+#]+$/).default('homeassistant').describe("Home Assistant's discovery prefix."),
        clientId: z.string().min(1).max(64).optional().describe('MQTT client id; default lockerwall-<wallId>. Must be unique on the broker.'),
        tls: z
          .object({
            ca: z.string().optional().describe('Path of a PEM CA certificate to trust (private CA).'),
            cert: z.string().optional().describe('Path of a PEM client certificate (mutual TLS).'),
            key: z.string().optional().describe('Path of the PEM key of the client certificate.'),
            rejectUnauthorized: z.boolean().default(true).describe('Verify the broker certificate.'),
          })
          .strict()
          .default({ rejectUnauthorized: true }),
        remoteCommands: z
          .object({
            enabled: z.boolean().default(false).describe('Accept signed identify/open requests on MQTT (off: no door ever opens from MQTT).'),
            key: z.string().min(32).optional().describe('HMAC-SHA256 key shared with the signing bridge (openssl rand -hex 32).'),
            maxSkewSeconds: z.number().int().min(0).max(30).default(5).describe('How far in the future issuedAt may be.'),
          })
          .strict()
          .refine((r) => !r.enabled || (r.key?.length ?? 0) >= 32, { message: 'enabled needs a key of at least 32 characters', path: ['key'] })
          .default({ enabled: false, maxSkewSeconds: 5 }),
      })
      .strict()
      .default({
        url: '',
        port: 1883,
        host: '127.0.0.1',
        topicPrefix: 'lockerwall',
        discovery: true,
        discoveryPrefix: 'homeassistant',
        tls: { rejectUnauthorized: true },
        remoteCommands: { enabled: false, maxSkewSeconds: 5 },
      }),
    rules: rulesSchema,
    outgoing: outgoingSchema,
    notify: z
      .object({
        channels: z
          .array(z.string().regex(/^(file|smtp|webhook:[A-Za-z0-9_-]{1,32})$/))
          .default(['file'])
          .describe('Default delivery channels: "file", "smtp", "webhook:<id>" (a recipient\'s preference overrides).'),
        smtp: smtpSchema,
        webhooks: z
          .array(webhookSchema)
          .default([])
          .describe('Chat webhooks (group bots), named by id for "webhook:<id>" channels.'),
        maxAttempts: z.number().int().min(1).max(50).default(8).describe('Delivery attempts before a message goes to the dead-letter list.'),
        retryBaseSeconds: z.number().positive().default(10).describe('First retry delay; doubles per attempt, capped at one hour.'),
        filePath: z
          .string()
          .default('notifications.jsonl')
          .describe('File channel: one JSON object per message, relative to dataDir.'),
      })
      .passthrough()
      .default({
        channels: ['file'],
        filePath: 'notifications.jsonl',
        smtp: { host: '127.0.0.1', port: 25, secure: false, from: 'Lockerwall <lockerwall@localhost>' },
        webhooks: [],
        maxAttempts: 8,
        retryBaseSeconds: 10,
      }),
  })
  .strict()
  .superRefine((config, ctx) => {
    const boards = new Map(config.boards.map((b) => [b.id, b]));
    const seenDoors = new Set<string>();
    const seenChannels = new Set<string>();
    config.doors.forEach((door, i) => {
      if (seenDoors.has(door.id)) ctx.addIssue({ code: 'custom', path: ['doors', i, 'id'], message: `door "${door.id}" is listed twice` });
      seenDoors.add(door.id);
      const board = boards.get(door.board);
      if (!board) {
        ctx.addIssue({ code: 'custom', path: ['doors', i, 'board'], message: `no board "${door.board}" in boards` });
        return;
      }
      if (door.channel > board.channels)
        ctx.addIssue({ code: 'custom', path: ['doors', i, 'channel'], message: `board "${board.id}" has only ${board.channels} channels` });
      const key = `${door.board}/${door.channel}`;
      if (seenChannels.has(key))
        ctx.addIssue({ code: 'custom', path: ['doors', i, 'channel'], message: `channel ${key} is used by two doors` });
      seenChannels.add(key);
    });
  });

export type LockerwallConfig = z.infer<typeof configSchema>;
export type DoorConfig = LockerwallConfig['doors'][number];
export type BoardConfig = LockerwallConfig['boards'][number];
export type DoorSize = (typeof DOOR_SIZES)[number];
export type HardwareDriver = (typeof HARDWARE_DRIVERS)[number];

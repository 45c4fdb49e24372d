import type { Clock, Locale, Recipient, Role } from '../domain/types.ts';
import type { Store } from '../store/store.ts';
import type { BadgeDirectory } from './badge-directory.ts';
import { parseCsv } from './csv.ts';

export interface ImportReport {
  added: number;
  updated: number;
  unchanged: number;
  rejected: { line: number; id: string; reason: string }[];
}

const REQUIRED_COLUMNS = ['employee_id', 'name', 'email', 'department'] as const;
const LOCALES: Locale[] = ['zh-CN', 'zh-TW', 'en'];
const ROLES: Role[] = ['employee', 'clerk', 'admin'];
const TRUE_WORDS = new Set(['1', 'true', 'yes', 'y']);
const FALSE_WORDS = new Set(['', '0', 'false', 'no', 'n']);

interface ParsedRow {
  recipient: Recipient;
  badge?: { value: string; format?: string };
}

function parseRow(get: (column: string) => string): ParsedRow {
  const id = get('employee_id').trim().toUpperCase();
  if (!/^[A-Z0-9_-]{1,32}$/.test(id)) throw new Error(`employee_id "${id}" must be 1-32 letters, digits, - or _`);
  const name = get('name').trim();
  if (!name) throw new Error('name is empty');
  const email = get('email').trim();
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new Error(`email "${email}" is not an address`);
  const locale = (get('locale').trim() || 'en') as Locale;
  if (!LOCALES.includes(locale)) throw new Error(`locale "${locale}" must be one of ${LOCALES.join(', ')}`);
  const role = (get('role').trim().toLowerCase() || 'employee') as Role;
  if (!ROLES.includes(role)) throw new Error(`role "${role}" must be one of ${ROLES.join(', ')}`);
  const accessibleText = get('needs_accessible_door').trim().toLowerCase();
  if (!TRUE_WORDS.has(accessibleText) && !FALSE_WORDS.has(accessibleText))
    throw new Error(`needs_accessible_door "${accessibleText}" must be 0 or 1`);
  const collectsFor = get('collects_for')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => (s.toLowerCase().startsWith('dept:') ? `dept:${s.slice(5).trim()}` : s.toUpperCase()));
  const badge = get('badge').trim();
  const format = get('badge_format').trim() || undefined;
  return {
    recipient: {
      id,
      name,
      nameLatin: get('name_latin').trim(),
      email,
      department: get('department').trim(),
      locale,
      role,
      collectsFor,
      needsAccessibleDoor: TRUE_WORDS.has(accessibleText),
      active: true,
    },
    badge: badge ? { value: badge, format } : undefined,
  };
}

/** Imports an HR directory export. Idempotent: re-importing the same file changes nothing. */
export function importDirectory(csvText: string, store: Store, badges: BadgeDirectory, clock: Clock): ImportReport {
  const report: ImportReport = { added: 0, updated: 0, unchanged: 0, rejected: [] };
  let rows: ReturnType<typeof parseCsv>;
  try {
    rows = parseCsv(csvText);
  } catch (error) {
    report.rejected.push({ line: 0, id: '', reason: (error as Error).message });
    return report;
  }
  const [header, ...body] = rows;
  if (!header) {
    report.rejected.push({ line: 0, id: '', reason: 'the file is empty' });
    return report;
  }
  const columns = header.fields.map((f) => f.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length) {
    report.rejected.push({ line: header.line, id: '', reason: `missing column(s): ${missing.join(', ')}` });
    return report;
  }
  const seen = new Set<string>();
  const now = clock.now().toISOString();
  for (const row of body) {
    const get = (column: string) => row.fields[columns.indexOf(column)] ?? '';
    const rawId = get('employee_id').trim();
    try {
      if (row.fields.length !== columns.length)
        throw new Error(`has ${row.fields.length} fields, the header has ${columns.length} (unquoted comma?)`);
      const { recipient, badge } = parseRow(get);
      if (seen.has(recipient.id)) throw new Error(`employee_id ${recipient.id} appears twice in the file`);
      seen.add(recipient.id);
      const badgeKeys = badge ? badges.enrolmentKeys(badge.value, badge.format) : [];
      const widest = badgeKeys[0];
      const owner = widest && store.credentials.badgeHolders(widest.digest).find((h) => h.recipientId !== recipient.id);
      if (owner) throw new Error(`badge ${badge!.value} is already enrolled for ${owner.recipientId}; remove it there first`);
      store.transaction(() => {
        const outcome = store.recipients.upsert(recipient, now);
        const badgeChanged = JSON.stringify(store.credentials.badgeKeysOf(recipient.id)) !== JSON.stringify(badgeKeys);
        if (badgeChanged) store.credentials.replaceBadges(recipient.id, badgeKeys, now);
        if (recipient.role !== 'employee')
          store.staff.upsert({ id: recipient.id, name: recipient.name, role: recipient.role, pinHash: null, recipientId: recipient.id }, now);
        const counted = outcome === 'unchanged' && badgeChanged ? 'updated' : outcome;
        report[counted]++;
      });
    } catch (error) {
      report.rejected.push({ line: row.line, id: rawId, reason: (error as Error).message });
    }
  }
  return report;
}

/** HR exports must be UTF-8: a GBK or UTF-16 file would import garbled names without a word. */
export function decodeDirectoryFile(bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    throw new Error('the file is UTF-16: save it as UTF-8 (CSV UTF-8) and import again');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error('the file is not UTF-8 (a GBK or Big5 export?): save it as UTF-8 (CSV UTF-8) and import again');
  }
}

import type { Locale } from '../domain/types.ts';

export interface RenderedMessage {
  subject: string;
  text: string;
}

type Vars = Record<string, string>;
type Template = { subject: string; text: string };

/** {name} placeholders; a missing value renders empty rather than "undefined". */
function fill(template: string, vars: Vars): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
}

const TEMPLATES: Record<string, Record<Locale, Template>> = {
  'parcel.stored': {
    en: { subject: 'A parcel is waiting for you in door {door}', text: 'Your parcel ({tracking}) is in door {door} of {wallName}.{codeLine} Or tap your badge at the kiosk.' },
    'zh-CN': { subject: '您有包裹在 {door} 号柜门', text: '您的包裹({tracking})已放入{wallName}的 {door} 号柜门。{codeLine}也可在取件机上刷工卡取件。' },
    'zh-TW': { subject: '您有包裹在 {door} 號櫃門', text: '您的包裹({tracking})已放入{wallName}的 {door} 號櫃門。{codeLine}也可在取件機上刷員工證取件。' },
  },
  'parcel.reminder': {
    en: { subject: 'Reminder: your parcel is still in door {door}', text: 'Your parcel ({tracking}) has been waiting in door {door} of {wallName} since {storedAt}.{codeLine}' },
    'zh-CN': { subject: '提醒:您的包裹仍在 {door} 号柜门', text: '您的包裹({tracking})自 {storedAt} 起在{wallName}的 {door} 号柜门等待领取。{codeLine}' },
    'zh-TW': { subject: '提醒:您的包裹仍在 {door} 號櫃門', text: '您的包裹({tracking})自 {storedAt} 起在{wallName}的 {door} 號櫃門等待領取。{codeLine}' },
  },
  'parcel.escalated': {
    en: { subject: 'Express parcel for {forName} not yet collected', text: 'An express parcel for {forName} has been waiting in door {door} of {wallName} since {storedAt}. You may collect it for them with your badge.' },
    'zh-CN': { subject: '{forName} 的加急包裹尚未领取', text: '{forName} 的加急包裹自 {storedAt} 起在{wallName}的 {door} 号柜门等待领取。您可以刷工卡代为领取。' },
    'zh-TW': { subject: '{forName} 的急件包裹尚未領取', text: '{forName} 的急件包裹自 {storedAt} 起在{wallName}的 {door} 號櫃門等待領取。您可以刷員工證代為領取。' },
  },
  'parcel.collected_for_you': {
    en: { subject: 'Your parcel was collected by {byName}', text: 'Your parcel ({tracking}) from door {door} of {wallName} was collected for you by {byName}.' },
    'zh-CN': { subject: '您的包裹已由 {byName} 代领', text: '您在{wallName} {door} 号柜门的包裹({tracking})已由 {byName} 代为领取。' },
    'zh-TW': { subject: '您的包裹已由 {byName} 代領', text: '您在{wallName} {door} 號櫃門的包裹({tracking})已由 {byName} 代為領取。' },
  },
  'parcel.collected_by_you': {
    en: { subject: 'You collected a parcel for {forName}', text: 'You collected a parcel ({tracking}) for {forName} from door {door} of {wallName}. Please hand it over.' },
    'zh-CN': { subject: '您已为 {forName} 代领包裹', text: '您已从{wallName} {door} 号柜门为 {forName} 代领包裹({tracking}),请及时转交。' },
    'zh-TW': { subject: '您已為 {forName} 代領包裹', text: '您已從{wallName} {door} 號櫃門為 {forName} 代領包裹({tracking}),請及時轉交。' },
  },
  'parcel.expired': {
    en: { subject: 'Your parcel goes back to the mailroom', text: 'Your parcel ({tracking}) was not collected in time and goes back to the mailroom counter. Please ask a clerk for it.' },
    'zh-CN': { subject: '您的包裹将退回收发室', text: '您的包裹({tracking})超时未领取,将退回收发室柜台,请向收发室工作人员领取。' },
    'zh-TW': { subject: '您的包裹將退回收發室', text: '您的包裹({tracking})逾時未領取,將退回收發室櫃檯,請向收發室人員領取。' },
  },
};

const CODE_LINE: Record<Locale, string> = {
  en: ' Pickup code: {code}.',
  'zh-CN': '取件码:{code}。',
  'zh-TW': '取件碼:{code}。',
};

const FALLBACK: Record<Locale, Template> = {
  en: { subject: 'Mailroom: {event}', text: 'Mailroom notice ({event}) about parcel {tracking}.' },
  'zh-CN': { subject: '收发室通知:{event}', text: '收发室通知({event}),包裹 {tracking}。' },
  'zh-TW': { subject: '收發室通知:{event}', text: '收發室通知({event}),包裹 {tracking}。' },
};

function formatTime(iso: string | undefined, locale: Locale, timeZone: string): string {
  if (!iso || Number.isNaN(Date.parse(iso))) return '';
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/**
 * The message for one event in the recipient's language. `code` is included only when the channel
 * is private to the person (email, the file stand-in); group chat webhooks never carry a code.
 */
export function renderMessage(event: string, locale: Locale, payload: Record<string, unknown>, opts: { code?: string; timeZone: string }): RenderedMessage {
  const lang: Locale = locale in CODE_LINE ? locale : 'en';
  const str = (k: string) => (typeof payload[k] === 'string' || typeof payload[k] === 'number' ? String(payload[k]) : '');
  const vars: Vars = {
    event,
    door: str('door'),
    tracking: str('tracking'),
    wallName: str('wallName'),
    forName: str('forName'),
    byName: str('byName'),
    storedAt: formatTime(str('storedAt') || undefined, lang, opts.timeZone),
    codeLine: opts.code ? fill(CODE_LINE[lang], { code: opts.code }) : '',
  };
  const t = TEMPLATES[event]?.[lang] ?? FALLBACK[lang];
  return { subject: fill(t.subject, vars), text: fill(t.text, vars) };
}

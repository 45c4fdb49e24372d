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
  'parcel.code_reissued': {
    en: { subject: 'New pickup code for your parcel in door {door}', text: 'The mailroom renewed its security keys, so your earlier code no longer works. Your parcel is in door {door} of {wallName}.{codeLine}' },
    'zh-CN': { subject: '您在 {door} 号柜门的包裹有新取件码', text: '收发室更新了安全密钥,之前的取件码已失效。您的包裹在{wallName}的 {door} 号柜门。{codeLine}' },
    'zh-TW': { subject: '您在 {door} 號櫃門的包裹有新取件碼', text: '收發室更新了安全金鑰,先前的取件碼已失效。您的包裹在{wallName}的 {door} 號櫃門。{codeLine}' },
  },
  'outgoing.received': {
    en: { subject: 'Your outgoing mail is in door {door}', text: 'We received your outgoing item in door {door} of {wallName}. The mailroom will dispatch it and tell you the tracking number.' },
    'zh-CN': { subject: '您的寄件已放入 {door} 号柜门', text: '您的寄件已放入{wallName}的 {door} 号柜门。收发室寄出后会告知您运单号。' },
    'zh-TW': { subject: '您的寄件已放入 {door} 號櫃門', text: '您的寄件已放入{wallName}的 {door} 號櫃門。收發室寄出後會告知您運單號碼。' },
  },
  'outgoing.dispatched': {
    en: { subject: 'Your mail was sent: {tracking}', text: 'Your item was handed to {carrier} with tracking number {tracking}. Expected delivery: {expectedDeliveryDate}.' },
    'zh-CN': { subject: '您的寄件已寄出:{tracking}', text: '您的寄件已交由 {carrier} 寄出,运单号 {tracking},预计送达日期 {expectedDeliveryDate}。' },
    'zh-TW': { subject: '您的寄件已寄出:{tracking}', text: '您的寄件已交由 {carrier} 寄出,運單號碼 {tracking},預計送達日期 {expectedDeliveryDate}。' },
  },
  'outgoing.delivered': {
    en: { subject: 'Delivered: {tracking}', text: 'Your item {tracking} ({carrier}) has been delivered.' },
    'zh-CN': { subject: '已送达:{tracking}', text: '您的寄件 {tracking}({carrier})已送达。' },
    'zh-TW': { subject: '已送達:{tracking}', text: '您的寄件 {tracking}({carrier})已送達。' },
  },
  'outgoing.exception': {
    en: { subject: 'Problem with your mail {tracking}', text: '{carrier} reported a problem with your item {tracking}. The mailroom is following it up.' },
    'zh-CN': { subject: '您的寄件 {tracking} 出现异常', text: '{carrier} 报告您的寄件 {tracking} 出现异常,收发室正在跟进。' },
    'zh-TW': { subject: '您的寄件 {tracking} 出現異常', text: '{carrier} 回報您的寄件 {tracking} 出現異常,收發室正在跟進。' },
  },
  'outgoing.returned': {
    en: { subject: 'Your mail {tracking} is coming back', text: '{carrier} is returning your item {tracking}. The mailroom will tell you when it arrives.' },
    'zh-CN': { subject: '您的寄件 {tracking} 被退回', text: '{carrier} 正在退回您的寄件 {tracking},到达后收发室会通知您。' },
    'zh-TW': { subject: '您的寄件 {tracking} 被退回', text: '{carrier} 正在退回您的寄件 {tracking},到達後收發室會通知您。' },
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

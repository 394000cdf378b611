/**
 * The notification emails, in English, Turkish and Persian: one subject, an HTML body (inline
 * styles and layout tables, as email clients need) and a plain-text alternative each. Pure:
 * the same notification and locale always render the same email.
 *
 * Every value that reaches the HTML is escaped (names, company names and messages are user
 * input), and only http(s) links become hrefs. Numbers and dates use the locale's own digits
 * and calendar (Persian digits and the Solar Hijri calendar for fa).
 */
import { LOCALES, type Locale } from './ports.js';

export type Notification =
  | { kind: 'points-received'; name: string; companyName: string; points: number; reason: string; message: string | null; expiresAt: string | null; walletUrl: string }
  | { kind: 'order-confirmed'; name: string; orderId: string; items: { name: string; variantName: string; quantity: number }[]; totalPoints: number; orderUrl: string }
  | { kind: 'order-shipped'; name: string; orderId: string; carrierCode: string | null; trackingNumber: string | null; trackingUrl: string }
  | { kind: 'order-delivered'; name: string; orderId: string; feedbackUrl: string }
  | { kind: 'points-expiring'; name: string; points: number; expiresAt: string; walletUrl: string };

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', tr: 'tr-TR', fa: 'fa-IR' };

/**
 * Expiry is an instant; it is shown with its time and zone name so that it is never a day off.
 * The zone is the one most readers of the language live in; the zone name keeps it exact for
 * everyone else.
 */
const TIME_ZONE: Record<Locale, string> = { en: 'UTC', tr: 'Europe/Istanbul', fa: 'Asia/Tehran' };

const FA_COUNTRIES = new Set(['IR', 'AF']);

/** Picks the language: a supported preferred one, else by country (TR→tr, IR/AF→fa), else en. */
export function localeFor(country: string, preferred?: string | null): Locale {
  // 'tr-TR', 'fa_IR', 'EN' all name a supported language; 'prs' is Dari, written Persian.
  const language = preferred?.trim().toLowerCase().split(/[-_]/)[0];
  if (language === 'prs') return 'fa';
  const supported = LOCALES.find((l) => l === language);
  if (supported) return supported;
  const c = country.trim().toUpperCase();
  if (c === 'TR') return 'tr';
  if (FA_COUNTRIES.has(c)) return 'fa';
  return 'en';
}

// ---------------------------------------------------------------------------------------------
// Document model: the copy is written once as lines and blocks, then rendered to HTML and text.

interface Value {
  text: string;
  strong?: boolean;
  /** Identifiers and URLs in Latin script keep their order inside right-to-left text. */
  ltr?: boolean;
}
type Piece = string | Value;
type Line = Piece[];

const strong = (text: string): Value => ({ text, strong: true });
const strongLtr = (text: string): Value => ({ text, strong: true, ltr: true });

/** A line from a template literal: the literal parts are copy, the interpolations values. */
function line(strings: TemplateStringsArray, ...values: Piece[]): Line {
  const out: Line = [];
  strings.forEach((s, i) => {
    if (s) out.push(s);
    const value = values[i];
    if (value !== undefined) out.push(value);
  });
  return out;
}

type Block =
  | { type: 'paragraph'; line: Line }
  | { type: 'facts'; rows: { label: string; value: string; ltr?: boolean }[] }
  | { type: 'quote'; label: string; text: string }
  | { type: 'items'; headers: [string, string, string]; rows: [string, string, string][]; total: { label: string; value: string } }
  | { type: 'action'; label: string; url: string | null };

interface EmailDocument {
  locale: Locale;
  subject: string;
  heading: string;
  greeting: Line;
  blocks: Block[];
}

// ---------------------------------------------------------------------------------------------
// Copy

interface Formatted {
  /** e.g. "1,500 points", "1.500 puan", "۱٬۵۰۰ امتیاز". */
  points: string;
  /** The number alone, e.g. "1.500". */
  number: string;
}

interface Copy {
  greeting(name: string): Line;
  footer: string;
  linkFallback: string;
  pointsUnit(n: number, formatted: string): string;
  pointsReceived: {
    subject(v: { company: string; points: string }): string;
    heading: string;
    intro(v: { company: string; points: string }): Line;
    reason: string;
    note: string;
    expires(dateTime: string): Line;
    action: string;
  };
  orderConfirmed: {
    subject(orderId: string): string;
    heading: string;
    intro(orderId: Value): Line;
    columns: [string, string, string];
    total: string;
    action: string;
  };
  orderShipped: {
    subject(orderId: string): string;
    heading: string;
    intro(orderId: Value): Line;
    carrier: string;
    tracking: string;
    action: string;
  };
  orderDelivered: {
    subject(orderId: string): string;
    heading: string;
    intro(orderId: Value): Line;
    feedback: string;
    action: string;
  };
  pointsExpiring: {
    subject(v: { points: Formatted; date: string }): string;
    heading: string;
    intro(v: { points: Formatted; dateTime: string }): Line;
    nudge: string;
    action: string;
  };
}

const englishPlural = new Intl.PluralRules('en-GB');

const COPY: Record<Locale, Copy> = {
  en: {
    greeting: (name) => line`Hi ${name},`,
    footer: 'This is an automatic message about your gifting account.',
    linkFallback: 'If the button does not work, open this link:',
    pointsUnit: (n, formatted) => `${formatted} ${englishPlural.select(n) === 'one' ? 'point' : 'points'}`,
    pointsReceived: {
      subject: (v) => `${v.company} sent you ${v.points}`,
      heading: 'You have received points',
      intro: (v) => line`${strong(v.company)} has sent you ${strong(v.points)}.`,
      reason: 'Reason',
      note: 'Their message',
      expires: (dateTime) => line`Spend them by ${strong(dateTime)}: points left after that expire.`,
      action: 'Open your wallet',
    },
    orderConfirmed: {
      subject: (orderId) => `Your order ${orderId} is confirmed`,
      heading: 'Thank you for your order',
      intro: (orderId) => line`We have received your order ${orderId} and will email you again when it ships.`,
      columns: ['Item', 'Option', 'Quantity'],
      total: 'Total',
      action: 'View your order',
    },
    orderShipped: {
      subject: (orderId) => `Your order ${orderId} is on its way`,
      heading: 'Your order has shipped',
      intro: (orderId) => line`Good news: your order ${orderId} has left the warehouse and is on its way to you.`,
      carrier: 'Carrier',
      tracking: 'Tracking number',
      action: 'Track your parcel',
    },
    orderDelivered: {
      subject: (orderId) => `Your order ${orderId} has been delivered`,
      heading: 'Your order has arrived',
      intro: (orderId) => line`Your order ${orderId} has been delivered. We hope you enjoy it!`,
      feedback: 'How was it? A minute of your feedback helps us choose better gifts.',
      action: 'Share your feedback',
    },
    pointsExpiring: {
      subject: (v) => `${v.points.points} in your wallet will expire on ${v.date}`,
      heading: 'Your points are about to expire',
      intro: (v) => line`${strong(v.points.points)} in your wallet will expire on ${strong(v.dateTime)}.`,
      nudge: 'Choose a gift before then so that they do not go to waste.',
      action: 'Choose a gift',
    },
  },
  tr: {
    greeting: (name) => line`Merhaba ${name},`,
    footer: 'Bu e-posta, hediye hesabınızla ilgili olarak otomatik gönderilmiştir.',
    linkFallback: 'Düğme çalışmazsa bu bağlantıyı açın:',
    pointsUnit: (_n, formatted) => `${formatted} puan`,
    pointsReceived: {
      subject: (v) => `${v.company} size ${v.points} gönderdi`,
      heading: 'Size puan gönderildi',
      intro: (v) => line`${strong(v.company)} size ${strong(v.points)} gönderdi.`,
      reason: 'Gönderilme nedeni',
      note: 'Mesaj',
      expires: (dateTime) => line`Puanlarınızı ${strong(dateTime)} tarihine kadar kullanabilirsiniz; bu tarihten sonra kullanılmayan puanların süresi dolar.`,
      action: 'Cüzdanınızı açın',
    },
    orderConfirmed: {
      subject: (orderId) => `${orderId} numaralı siparişiniz onaylandı`,
      heading: 'Siparişiniz için teşekkürler',
      intro: (orderId) => line`${orderId} numaralı siparişinizi aldık. Kargoya verildiğinde size yeniden e-posta göndereceğiz.`,
      columns: ['Ürün', 'Seçenek', 'Adet'],
      total: 'Toplam',
      action: 'Siparişinizi görüntüleyin',
    },
    orderShipped: {
      subject: (orderId) => `${orderId} numaralı siparişiniz yola çıktı`,
      heading: 'Siparişiniz kargoya verildi',
      intro: (orderId) => line`Güzel haber: ${orderId} numaralı siparişiniz kargoya verildi ve size doğru yola çıktı.`,
      carrier: 'Kargo firması',
      tracking: 'Takip numarası',
      action: 'Kargonuzu takip edin',
    },
    orderDelivered: {
      subject: (orderId) => `${orderId} numaralı siparişiniz teslim edildi`,
      heading: 'Siparişiniz teslim edildi',
      intro: (orderId) => line`${orderId} numaralı siparişiniz teslim edildi. Güle güle kullanın!`,
      feedback: 'Nasıl buldunuz? Bir dakikanızı ayırıp görüşünüzü paylaşırsanız daha iyi hediyeler seçmemize yardımcı olursunuz.',
      action: 'Görüşünüzü paylaşın',
    },
    pointsExpiring: {
      subject: (v) => `${v.points.number} puanınızın süresi ${v.date} tarihinde doluyor`,
      heading: 'Puanlarınızın süresi dolmak üzere',
      intro: (v) => line`Cüzdanınızdaki ${strong(v.points.points)} için kullanım süresi ${strong(v.dateTime)} tarihinde doluyor.`,
      nudge: 'Puanlarınız boşa gitmesin; bu tarihten önce bir hediye seçin.',
      action: 'Hediye seçin',
    },
  },
  fa: {
    greeting: (name) => line`سلام ${name} عزیز،`,
    footer: 'این ایمیل به\u200cصورت خودکار دربارهٔ حساب هدیهٔ شما فرستاده شده است.',
    linkFallback: 'اگر دکمه کار نکرد، این پیوند را باز کنید:',
    pointsUnit: (_n, formatted) => `${formatted} امتیاز`,
    pointsReceived: {
      subject: (v) => `${v.points} از طرف ${v.company} دریافت کردید`,
      heading: 'برای شما امتیاز فرستاده شد',
      intro: (v) => line`${strong(v.company)} برای شما ${strong(v.points)} فرستاده است.`,
      reason: 'دلیل',
      note: 'پیام همراه',
      expires: (dateTime) => line`این امتیازها تا ${strong(dateTime)} اعتبار دارند و پس از آن منقضی می\u200cشوند.`,
      action: 'مشاهدهٔ کیف پول',
    },
    orderConfirmed: {
      subject: (orderId) => `سفارش شما با شمارهٔ ${orderId} ثبت شد`,
      heading: 'از سفارش شما سپاسگزاریم',
      intro: (orderId) => line`سفارش شما با شمارهٔ ${orderId} ثبت شد. هر وقت ارسال شد، دوباره به شما ایمیل می\u200cزنیم.`,
      columns: ['کالا', 'مدل', 'تعداد'],
      total: 'جمع کل',
      action: 'مشاهدهٔ سفارش',
    },
    orderShipped: {
      subject: (orderId) => `سفارش ${orderId} ارسال شد`,
      heading: 'سفارش شما در راه است',
      intro: (orderId) => line`خبر خوب: سفارش ${orderId} ارسال شد و در راه رسیدن به شماست.`,
      carrier: 'شرکت حمل',
      tracking: 'کد رهگیری',
      action: 'پیگیری مرسوله',
    },
    orderDelivered: {
      subject: (orderId) => `سفارش ${orderId} تحویل داده شد`,
      heading: 'سفارش شما رسید',
      intro: (orderId) => line`سفارش ${orderId} به شما تحویل داده شد. امیدواریم از آن لذت ببرید!`,
      feedback: 'نظرتان چیست؟ با یک دقیقه وقت گذاشتن و ثبت نظرتان، به ما کمک می\u200cکنید هدیه\u200cهای بهتری انتخاب کنیم.',
      action: 'ثبت نظر',
    },
    pointsExpiring: {
      subject: (v) => `${v.points.number} امتیاز شما در ${v.date} منقضی می\u200cشود`,
      heading: 'امتیازهای شما به\u200cزودی منقضی می\u200cشوند',
      intro: (v) => line`${strong(v.points.points)} از موجودی کیف پول شما در ${strong(v.dateTime)} منقضی می\u200cشود.`,
      nudge: 'پیش از آن هدیه\u200cای انتخاب کنید تا امتیازهایتان از دست نرود.',
      action: 'انتخاب هدیه',
    },
  },
};

/** Display names of the carriers ShipEngine reports most; others show their code. */
const CARRIER_NAMES: Record<string, string> = {
  ups: 'UPS', fedex: 'FedEx', usps: 'USPS', stamps_com: 'USPS', dhl_express: 'DHL Express', dhl_ecommerce: 'DHL eCommerce',
  dpd: 'DPD', gls: 'GLS', royal_mail: 'Royal Mail', yurtici: 'Yurtiçi Kargo', aras: 'Aras Kargo', mng: 'MNG Kargo', ptt: 'PTT Kargo',
};

// ---------------------------------------------------------------------------------------------
// Formatting

class LocaleFormat {
  private readonly numbers: Intl.NumberFormat;
  private readonly dates: Intl.DateTimeFormat;
  private readonly dateTimes: Intl.DateTimeFormat;
  constructor(readonly locale: Locale) {
    const tag = INTL_LOCALE[locale];
    const timeZone = TIME_ZONE[locale];
    this.numbers = new Intl.NumberFormat(tag);
    this.dates = new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone });
    this.dateTimes = new Intl.DateTimeFormat(tag, { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' });
  }
  number(n: number): string {
    return this.numbers.format(n);
  }
  points(n: number): Formatted {
    const number = this.number(n);
    return { number, points: COPY[this.locale].pointsUnit(n, number) };
  }
  /** An unparsable timestamp is shown as given rather than as "Invalid Date". */
  date(iso: string): string {
    const at = new Date(iso);
    return Number.isNaN(at.getTime()) ? iso : this.dates.format(at);
  }
  dateTime(iso: string): string {
    const at = new Date(iso);
    return Number.isNaN(at.getTime()) ? iso : this.dateTimes.format(at);
  }
}

/** Only http(s) links may become hrefs: `javascript:`, `data:` and the like are dropped. */
function safeUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Subjects are one line: user input must not bring line breaks into a header. */
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

// ---------------------------------------------------------------------------------------------
// The documents

function documentFor(n: Notification, locale: Locale): EmailDocument {
  const copy = COPY[locale];
  const f = new LocaleFormat(locale);
  const base = { locale, greeting: copy.greeting(n.name) };
  switch (n.kind) {
    case 'points-received': {
      const c = copy.pointsReceived;
      const v = { company: n.companyName, points: f.points(n.points).points };
      const blocks: Block[] = [{ type: 'paragraph', line: c.intro(v) }];
      if (n.reason.trim()) blocks.push({ type: 'facts', rows: [{ label: c.reason, value: n.reason }] });
      if (n.message?.trim()) blocks.push({ type: 'quote', label: c.note, text: n.message });
      if (n.expiresAt) blocks.push({ type: 'paragraph', line: c.expires(f.dateTime(n.expiresAt)) });
      blocks.push({ type: 'action', label: c.action, url: safeUrl(n.walletUrl) });
      return { ...base, subject: c.subject(v), heading: c.heading, blocks };
    }
    case 'order-confirmed': {
      const c = copy.orderConfirmed;
      return {
        ...base, subject: c.subject(n.orderId), heading: c.heading,
        blocks: [
          { type: 'paragraph', line: c.intro(strongLtr(n.orderId)) },
          {
            type: 'items', headers: c.columns,
            rows: n.items.map((item) => [item.name, item.variantName, f.number(item.quantity)]),
            total: { label: c.total, value: f.points(n.totalPoints).points },
          },
          { type: 'action', label: c.action, url: safeUrl(n.orderUrl) },
        ],
      };
    }
    case 'order-shipped': {
      const c = copy.orderShipped;
      const rows: { label: string; value: string; ltr?: boolean }[] = [];
      if (n.carrierCode) rows.push({ label: c.carrier, value: CARRIER_NAMES[n.carrierCode.toLowerCase()] ?? n.carrierCode, ltr: true });
      if (n.trackingNumber) rows.push({ label: c.tracking, value: n.trackingNumber, ltr: true });
      const blocks: Block[] = [{ type: 'paragraph', line: c.intro(strongLtr(n.orderId)) }];
      if (rows.length > 0) blocks.push({ type: 'facts', rows });
      blocks.push({ type: 'action', label: c.action, url: safeUrl(n.trackingUrl) });
      return { ...base, subject: c.subject(n.orderId), heading: c.heading, blocks };
    }
    case 'order-delivered': {
      const c = copy.orderDelivered;
      return {
        ...base, subject: c.subject(n.orderId), heading: c.heading,
        blocks: [
          { type: 'paragraph', line: c.intro(strongLtr(n.orderId)) },
          { type: 'paragraph', line: [c.feedback] },
          { type: 'action', label: c.action, url: safeUrl(n.feedbackUrl) },
        ],
      };
    }
    case 'points-expiring': {
      const c = copy.pointsExpiring;
      const points = f.points(n.points);
      return {
        ...base, subject: c.subject({ points, date: f.date(n.expiresAt) }), heading: c.heading,
        blocks: [
          { type: 'paragraph', line: c.intro({ points, dateTime: f.dateTime(n.expiresAt) }) },
          { type: 'paragraph', line: [c.nudge] },
          { type: 'action', label: c.action, url: safeUrl(n.walletUrl) },
        ],
      };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// HTML

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

const FONT: Record<Locale, string> = {
  en: 'Arial, Helvetica, sans-serif',
  tr: 'Arial, Helvetica, sans-serif',
  fa: 'Vazirmatn, Tahoma, Arial, sans-serif',
};

function htmlPiece(piece: Piece): string {
  if (typeof piece === 'string') return escapeHtml(piece);
  let html = escapeHtml(piece.text);
  if (piece.ltr) html = `<span dir="ltr">${html}</span>`;
  return piece.strong ? `<strong>${html}</strong>` : html;
}
const htmlLine = (l: Line) => l.map(htmlPiece).join('');
const textLine = (l: Line) => l.map((p) => (typeof p === 'string' ? p : p.text)).join('');

const P = 'margin:0 0 16px;';
const MUTED = 'color:#4b5563;';

function htmlBlock(block: Block, doc: EmailDocument): string {
  const rtl = doc.locale === 'fa';
  const start = rtl ? 'right' : 'left';
  const end = rtl ? 'left' : 'right';
  switch (block.type) {
    case 'paragraph':
      return `<p style="${P}">${htmlLine(block.line)}</p>`;
    case 'facts':
      return `<p style="${P}">${block.rows
        .map((r) => `<span style="${MUTED}">${escapeHtml(r.label)}:</span> <strong>${r.ltr ? `<span dir="ltr">${escapeHtml(r.value)}</span>` : escapeHtml(r.value)}</strong>`)
        .join('<br>')}</p>`;
    case 'quote':
      return (
        `<p style="margin:0 0 8px;${MUTED}">${escapeHtml(block.label)}:</p>` +
        `<blockquote style="margin:0 0 16px;padding:12px 16px;border-${start}:4px solid #c7d2fe;background-color:#f5f7ff;">` +
        `${escapeHtml(block.text.trim()).replace(/\r?\n/g, '<br>')}</blockquote>`
      );
    case 'items': {
      const cell = `padding:8px;border-bottom:1px solid #e5e7eb;text-align:${start};`;
      const qty = `padding:8px;border-bottom:1px solid #e5e7eb;text-align:${end};white-space:nowrap;`;
      const [item, option, quantity] = block.headers;
      return (
        `<table role="table" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;margin:0 0 16px;font-size:15px;">` +
        `<thead><tr><th scope="col" style="${cell}${MUTED}font-weight:normal;">${escapeHtml(item)}</th>` +
        `<th scope="col" style="${cell}${MUTED}font-weight:normal;">${escapeHtml(option)}</th>` +
        `<th scope="col" style="${qty}${MUTED}font-weight:normal;">${escapeHtml(quantity)}</th></tr></thead><tbody>` +
        block.rows.map(([name, variant, count]) => `<tr><td style="${cell}">${escapeHtml(name)}</td><td style="${cell}">${escapeHtml(variant)}</td><td style="${qty}">${escapeHtml(count)}</td></tr>`).join('') +
        `</tbody><tfoot><tr><th scope="row" colspan="2" style="padding:8px;text-align:${start};">${escapeHtml(block.total.label)}</th>` +
        `<td style="padding:8px;text-align:${end};font-weight:bold;white-space:nowrap;">${escapeHtml(block.total.value)}</td></tr></tfoot></table>`
      );
    }
    case 'action': {
      if (!block.url) return '';
      const href = escapeHtml(block.url);
      return (
        `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:24px 0;"><tr>` +
        `<td style="border-radius:6px;background-color:#1d4ed8;">` +
        `<a href="${href}" target="_blank" rel="noopener" style="display:inline-block;padding:12px 24px;font-family:${FONT[doc.locale]};font-size:16px;font-weight:bold;line-height:1.25;color:#ffffff;text-decoration:none;border-radius:6px;">${escapeHtml(block.label)}</a>` +
        `</td></tr></table>` +
        `<p style="margin:0 0 16px;font-size:13px;${MUTED}">${escapeHtml(COPY[doc.locale].linkFallback)}<br>` +
        `<a href="${href}" dir="ltr" style="color:#1d4ed8;word-break:break-all;">${href}</a></p>`
      );
    }
  }
}

function renderHtml(doc: EmailDocument): string {
  const rtl = doc.locale === 'fa';
  const dir = rtl ? 'rtl' : 'ltr';
  const align = rtl ? 'right' : 'left';
  const font = FONT[doc.locale];
  const preview = doc.blocks.find((b) => b.type === 'paragraph');
  return [
    '<!DOCTYPE html>',
    `<html lang="${doc.locale}" dir="${dir}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="color-scheme" content="light"><title>${escapeHtml(doc.subject)}</title></head>`,
    `<body style="margin:0;padding:0;background-color:#f3f4f6;">`,
    // The preview line clients show next to the subject.
    preview ? `<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">${escapeHtml(textLine(preview.line))}</div>` : '',
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f3f4f6;"><tr><td align="center" style="padding:24px 12px;">`,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;background-color:#ffffff;border-radius:8px;">`,
    `<tr><td dir="${dir}" style="padding:32px;font-family:${font};font-size:16px;line-height:1.6;color:#111827;text-align:${align};">`,
    `<h1 style="margin:0 0 24px;font-size:22px;line-height:1.3;color:#111827;">${escapeHtml(doc.heading)}</h1>`,
    `<p style="${P}">${htmlLine(doc.greeting)}</p>`,
    ...doc.blocks.map((b) => htmlBlock(b, doc)),
    `</td></tr>`,
    `<tr><td dir="${dir}" style="padding:16px 32px;border-top:1px solid #e5e7eb;font-family:${font};font-size:12px;line-height:1.5;color:#6b7280;text-align:${align};">${escapeHtml(COPY[doc.locale].footer)}</td></tr>`,
    `</table></td></tr></table></body></html>`,
  ].filter(Boolean).join('\n');
}

// ---------------------------------------------------------------------------------------------
// Plain text

function textBlock(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return textLine(block.line);
    case 'facts':
      return block.rows.map((r) => `${r.label}: ${r.value}`).join('\n');
    case 'quote':
      return `${block.label}:\n${block.text.trim().split(/\r?\n/).map((l) => `> ${l}`).join('\n')}`;
    case 'items':
      return [
        ...block.rows.map(([name, variant, count]) => `- ${name} (${variant}) × ${count}`),
        `${block.total.label}: ${block.total.value}`,
      ].join('\n');
    case 'action':
      return block.url ? `${block.label}: ${block.url}` : '';
  }
}

function renderText(doc: EmailDocument): string {
  const parts = [doc.heading, textLine(doc.greeting), ...doc.blocks.map(textBlock), `--\n${COPY[doc.locale].footer}`];
  return `${parts.filter(Boolean).join('\n\n')}\n`;
}

/** Renders one notification in one language. */
export function renderEmail(n: Notification, locale: Locale): RenderedEmail {
  const doc = documentFor(n, locale);
  return { subject: oneLine(doc.subject), html: renderHtml(doc), text: renderText(doc) };
}

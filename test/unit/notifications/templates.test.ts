import { describe, expect, it } from 'vitest';
import type { Locale } from '../../../shared/domain/notifications/ports.js';
import { localeFor, renderEmail, type Notification } from '../../../shared/domain/notifications/templates.js';

const EXPIRES_AT = '2026-12-31T20:59:00.000Z';

const pointsReceived: Notification = {
  kind: 'points-received', name: 'Ayşe Yılmaz', companyName: 'Acme Gıda', points: 1500, reason: 'Work anniversary',
  message: 'Five years already!\nThank you.', expiresAt: EXPIRES_AT, walletUrl: 'https://gifts.example/wallet',
};
const orderConfirmed: Notification = {
  kind: 'order-confirmed', name: 'Reza', orderId: '01JDQ4ORDER', totalPoints: 2400, orderUrl: 'https://gifts.example/orders/01JDQ4ORDER',
  items: [{ name: 'Ceramic mug', variantName: 'Blue', quantity: 2 }, { name: 'Notebook', variantName: 'A5 dotted', quantity: 12 }],
};
const orderShipped: Notification = {
  kind: 'order-shipped', name: 'Emma', orderId: '01JDQ4ORDER', carrierCode: 'ups', trackingNumber: '1Z999AA10123456784', trackingUrl: 'https://track.example/1Z999AA10123456784',
};
const orderDelivered: Notification = { kind: 'order-delivered', name: 'Emma', orderId: '01JDQ4ORDER', feedbackUrl: 'https://gifts.example/feedback/01JDQ4ORDER' };
const pointsExpiring: Notification = { kind: 'points-expiring', name: 'Emma', points: 250, expiresAt: EXPIRES_AT, walletUrl: 'https://gifts.example/wallet' };

/** What each kind must show, per locale: the values, formatted the locale's way. */
const EXPECTED: Record<Notification['kind'], { notification: Notification; values: Record<Locale, string[]>; subject: Record<Locale, string> }> = {
  'points-received': {
    notification: pointsReceived,
    subject: { en: 'Acme Gıda sent you 1,500 points', tr: 'Acme Gıda size 1.500 puan gönderdi', fa: '۱٬۵۰۰ امتیاز از طرف Acme Gıda دریافت کردید' },
    values: {
      en: ['Ayşe Yılmaz', 'Work anniversary', 'Five years already!', '31 December 2026 at 20:59 UTC', 'https://gifts.example/wallet'],
      tr: ['Ayşe Yılmaz', 'Work anniversary', 'Five years already!', '31 Aralık 2026 23:59', 'https://gifts.example/wallet'],
      // 20:59 UTC is 00:29 on 11 Dey 1405 in Tehran.
      fa: ['Ayşe Yılmaz', 'Work anniversary', 'Five years already!', '۱۱ دی ۱۴۰۵', '۰۰:۲۹', 'https://gifts.example/wallet'],
    },
  },
  'order-confirmed': {
    notification: orderConfirmed,
    subject: { en: 'Your order 01JDQ4ORDER is confirmed', tr: '01JDQ4ORDER numaralı siparişiniz onaylandı', fa: 'سفارش شما با شمارهٔ 01JDQ4ORDER ثبت شد' },
    values: {
      en: ['Reza', 'Ceramic mug', 'Blue', 'Notebook', 'A5 dotted', '12', '2,400 points', 'https://gifts.example/orders/01JDQ4ORDER'],
      tr: ['Reza', 'Ceramic mug', 'Blue', 'Notebook', 'A5 dotted', '12', '2.400 puan', 'https://gifts.example/orders/01JDQ4ORDER'],
      fa: ['Reza', 'Ceramic mug', 'Blue', 'Notebook', 'A5 dotted', '۱۲', '۲٬۴۰۰ امتیاز', 'https://gifts.example/orders/01JDQ4ORDER'],
    },
  },
  'order-shipped': {
    notification: orderShipped,
    subject: { en: 'Your order 01JDQ4ORDER is on its way', tr: '01JDQ4ORDER numaralı siparişiniz yola çıktı', fa: 'سفارش 01JDQ4ORDER ارسال شد' },
    values: {
      en: ['Emma', 'UPS', '1Z999AA10123456784', 'https://track.example/1Z999AA10123456784', 'Track your parcel'],
      tr: ['Emma', 'UPS', '1Z999AA10123456784', 'https://track.example/1Z999AA10123456784', 'Kargonuzu takip edin'],
      fa: ['Emma', 'UPS', '1Z999AA10123456784', 'https://track.example/1Z999AA10123456784', 'پیگیری مرسوله'],
    },
  },
  'order-delivered': {
    notification: orderDelivered,
    subject: { en: 'Your order 01JDQ4ORDER has been delivered', tr: '01JDQ4ORDER numaralı siparişiniz teslim edildi', fa: 'سفارش 01JDQ4ORDER تحویل داده شد' },
    values: {
      en: ['Emma', 'https://gifts.example/feedback/01JDQ4ORDER', 'Share your feedback'],
      tr: ['Emma', 'https://gifts.example/feedback/01JDQ4ORDER', 'Görüşünüzü paylaşın'],
      fa: ['Emma', 'https://gifts.example/feedback/01JDQ4ORDER', 'ثبت نظر'],
    },
  },
  'points-expiring': {
    notification: pointsExpiring,
    subject: {
      en: '250 points in your wallet will expire on 31 December 2026',
      tr: '250 puanınızın süresi 31 Aralık 2026 tarihinde doluyor',
      fa: '۲۵۰ امتیاز شما در ۱۱ دی ۱۴۰۵ منقضی می\u200cشود',
    },
    values: {
      en: ['Emma', '250 points', '31 December 2026 at 20:59 UTC', 'https://gifts.example/wallet'],
      tr: ['Emma', '250 puan', '31 Aralık 2026 23:59', 'https://gifts.example/wallet'],
      fa: ['Emma', '۲۵۰ امتیاز', '۱۱ دی ۱۴۰۵', 'https://gifts.example/wallet'],
    },
  },
};

const LOCALES: Locale[] = ['en', 'tr', 'fa'];

describe('renderEmail', () => {
  for (const [kind, { notification, values, subject }] of Object.entries(EXPECTED)) {
    for (const locale of LOCALES) {
      it(`renders ${kind} in ${locale} with its values in the subject, the HTML and the text`, () => {
        const email = renderEmail(notification, locale);

        expect(email.subject).toBe(subject[locale]);
        for (const value of values[locale]) {
          expect(email.html).toContain(value);
          expect(email.text).toContain(value);
        }
        expect(email.html).toMatch(new RegExp(`^<!DOCTYPE html>\\n<html lang="${locale}" dir="${locale === 'fa' ? 'rtl' : 'ltr'}">`));
        expect(email.html).toContain(`<title>${subject[locale]}</title>`);
        expect(email.text).not.toContain('<');
      });
    }
  }

  it('writes the copy in each language, not in English everywhere', () => {
    const greeting = { en: 'Hi Emma,', tr: 'Merhaba Emma,', fa: 'سلام Emma عزیز،' };
    for (const locale of LOCALES) expect(renderEmail(orderDelivered, locale).text).toContain(greeting[locale]);
    expect(renderEmail(pointsExpiring, 'tr').text).toContain('bir hediye seçin');
    expect(renderEmail(pointsExpiring, 'fa').text).toContain('هدیه\u200cای انتخاب کنید');
  });

  it('lays Persian out right to left, and only Persian', () => {
    const fa = renderEmail(orderConfirmed, 'fa').html;
    expect(fa).toContain('dir="rtl"');
    expect(fa).toContain('text-align:right');
    for (const locale of ['en', 'tr'] as const) {
      const html = renderEmail(orderConfirmed, locale).html;
      expect(html).not.toContain('rtl');
      expect(html).toContain('text-align:left');
    }
  });

  it('writes numbers with Persian digits in Persian and Latin digits elsewhere', () => {
    const big = { ...pointsExpiring, points: 1234567 };
    expect(renderEmail(big, 'fa').text).toContain('۱٬۲۳۴٬۵۶۷ امتیاز');
    expect(renderEmail(big, 'fa').text).not.toMatch(/1234567|1,234,567/);
    expect(renderEmail(big, 'en').text).toContain('1,234,567 points');
    expect(renderEmail(big, 'tr').text).toContain('1.234.567 puan');
  });

  it('says "1 point" in English', () => {
    expect(renderEmail({ ...pointsExpiring, points: 1 }, 'en').subject).toBe('1 point in your wallet will expire on 31 December 2026');
  });

  it('escapes a hostile name, company, reason and message in the HTML', () => {
    const hostile: Notification = {
      ...pointsReceived,
      name: '<script>alert("name")</script>',
      companyName: 'Evil & <b>Co</b>',
      reason: '"><img src=x onerror=alert(1)>',
      message: "<script>alert('message')</script>\nsecond line",
    };
    for (const locale of LOCALES) {
      const { html, text } = renderEmail(hostile, locale);
      expect(html).not.toContain('<script>');
      expect(html).not.toContain('<img');
      expect(html).not.toContain('<b>Co</b>');
      expect(html).toContain('&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;');
      expect(html).toContain('&lt;script&gt;alert(&#39;message&#39;)&lt;/script&gt;<br>second line');
      expect(html).toContain('Evil &amp; &lt;b&gt;Co&lt;/b&gt;');
      // The text alternative is not HTML: it shows what was typed.
      expect(text).toContain('<script>alert("name")</script>');
    }
  });

  it('escapes item names and order ids', () => {
    const { html } = renderEmail({ ...orderConfirmed, orderId: 'A<1>', items: [{ name: '<i>Mug</i>', variantName: 'x"y', quantity: 1 }] }, 'en');
    expect(html).toContain('&lt;i&gt;Mug&lt;/i&gt;');
    expect(html).toContain('x&quot;y');
    expect(html).toContain('A&lt;1&gt;');
    expect(html).not.toContain('<i>');
  });

  it('keeps line breaks out of the subject', () => {
    expect(renderEmail({ ...pointsReceived, companyName: 'Acme\r\nBcc: x@evil.example' }, 'en').subject).toBe('Acme Bcc: x@evil.example sent you 1,500 points');
  });

  it('drops links that are not http(s), and keeps the rest of the email', () => {
    const cases: Notification[] = [
      { ...pointsReceived, walletUrl: 'javascript:alert(1)' },
      { ...orderConfirmed, orderUrl: ' JavaScript:alert(document.cookie)' },
      { ...orderShipped, trackingUrl: 'data:text/html,<script>alert(1)</script>' },
      { ...orderDelivered, feedbackUrl: 'vbscript:msgbox' },
      { ...pointsExpiring, walletUrl: 'not a url' },
    ];
    for (const notification of cases) {
      for (const locale of LOCALES) {
        const { html, text } = renderEmail(notification, locale);
        expect(html.toLowerCase()).not.toMatch(/javascript:|data:|vbscript:/);
        expect(html).not.toContain('href=');
        expect(text.toLowerCase()).not.toMatch(/javascript:|data:text|vbscript:/);
        expect(text).toContain(notification.name);
      }
    }
  });

  it('links http(s) URLs as a button and as a fallback link, escaped', () => {
    const { html } = renderEmail({ ...orderDelivered, feedbackUrl: 'https://gifts.example/feedback?a=1&b="2"' }, 'en');
    expect(html.match(/href="https:\/\/gifts\.example\/feedback\?a=1&amp;b=%222%22"/g)).toHaveLength(2);
  });

  it('leaves out what a notification does not have', () => {
    const bare = renderEmail({ ...pointsReceived, message: null, expiresAt: null }, 'en').text;
    expect(bare).not.toContain('Their message');
    expect(bare).not.toContain('Spend them by');
    const untracked = renderEmail({ ...orderShipped, carrierCode: null, trackingNumber: null }, 'tr').text;
    expect(untracked).not.toContain('Kargo firması');
    expect(untracked).not.toContain('Takip numarası');
  });
});

describe('localeFor', () => {
  it('uses a supported preferred language, in any common spelling', () => {
    expect(localeFor('DE', 'tr')).toBe('tr');
    expect(localeFor('TR', 'en-US')).toBe('en');
    expect(localeFor('DE', 'fa_IR')).toBe('fa');
    expect(localeFor('TR', ' EN ')).toBe('en');
    expect(localeFor('DE', 'prs')).toBe('fa');
  });

  it('falls back to the country for an unsupported or missing preference', () => {
    expect(localeFor('TR', 'de')).toBe('tr');
    expect(localeFor('TR', null)).toBe('tr');
    expect(localeFor('tr')).toBe('tr');
    expect(localeFor('IR', undefined)).toBe('fa');
    expect(localeFor('AF', '')).toBe('fa');
  });

  it('uses English elsewhere', () => {
    expect(localeFor('DE')).toBe('en');
    expect(localeFor('US', 'es')).toBe('en');
  });
});

/** The shipping address laid out as it goes on a parcel label, with a button that copies it. */
import { useState } from 'react';
import { useI18n } from '../i18n';
import { Button } from '../ui/components';
import type { ShippingAddress } from './types';

/** Countries that write "City, REGION POSTCODE" on one line. */
const CITY_REGION_POSTCODE = new Set(['US', 'CA', 'AU']);
/** Countries that put the postcode on a line of its own, after the town. */
const POSTCODE_LAST = new Set(['GB', 'IE']);
const countryNames = new Intl.DisplayNames(['en'], { type: 'region' });

/**
 * Label lines: the country in English capitals, as the postal union asks for parcels that may
 * cross a border; everything else as the employee typed it.
 */
export function labelLines(a: ShippingAddress): string[] {
  const lines = [a.name, a.line1, a.line2];
  if (CITY_REGION_POSTCODE.has(a.country)) lines.push(`${a.city}${a.region ? `, ${a.region}` : ''} ${a.postalCode}`);
  else if (POSTCODE_LAST.has(a.country)) lines.push(a.city, a.region, a.postalCode);
  else lines.push(`${a.postalCode} ${a.city}`, a.region);
  lines.push((countryNames.of(a.country) ?? a.country).toLocaleUpperCase('en'));
  return lines.filter((l): l is string => Boolean(l && l.trim()));
}

export function AddressLabel({ address }: { address: ShippingAddress }) {
  const { t } = useI18n();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const lines = labelLines(address);
  const text = [...lines, ...(address.phone ? [address.phone] : [])].join('\n');
  const copyAddress = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };
  return (
    <div className="stack">
      {/* In the direction of the address itself (a Turkish address stays left to right in the Persian console). */}
      <address className="partner-label" dir="auto">
        {lines.map((line, i) => <span key={i}>{line}</span>)}
        {address.phone ? <span><span className="partner-sr-only">{t('partner.phone')}: </span><bdi dir="ltr">{address.phone}</bdi></span> : null}
      </address>
      <div className="row">
        <Button className="secondary" onClick={() => void copyAddress()}>{t('partner.copyAddress')}</Button>
        <span role="status" aria-live="polite" className={copy === 'failed' ? 'field-error' : 'muted'}>
          {copy === 'copied' ? t('partner.copied') : copy === 'failed' ? t('partner.copyFailed') : ''}
        </span>
      </div>
    </div>
  );
}

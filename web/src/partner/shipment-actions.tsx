/**
 * What a partner reports on a shipment, each a `POST /v1/partner/shipments/{id}/events`:
 * the label (carrier + tracking number), the hand-over to the carrier, and any other event.
 * Field errors of a 422 are shown at their fields; what the post led to is the page's to show.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import { carrierName, KNOWN_CARRIERS } from '../tracking/carriers';
import { Button, Field, fieldErrors, SelectField } from '../ui/components';
import { FORWARD_PATH, REPORTABLE_STATUSES, type EventBody, type PartnerShipment, type ReportableStatus } from './types';

/** Posts an event; resolves to the error when it failed (already reported to the page). */
export type PostEvent = (body: EventBody) => Promise<unknown>;

/** Messages for the fields the API validates, in the reader's language rather than the API's English. */
const FIELD_MESSAGES: Record<string, MessageKey> = {
  carrierCode: 'partner.err_carrierCode',
  trackingNumber: 'partner.err_trackingNumber',
  occurredAt: 'partner.err_occurredAt',
  location: 'partner.err_location',
  description: 'partner.err_description',
};

function useFieldErrors() {
  const { t } = useI18n();
  const [errors, setErrors] = useState<Record<string, string>>({});
  return {
    errors,
    /** Keeps a 422's field errors (translated where we know the field); clears them otherwise. */
    take(error: unknown) {
      const raw = error instanceof ApiError && error.status === 422 ? fieldErrors(error) : {};
      setErrors(Object.fromEntries(Object.entries(raw).map(([field, message]) => [field, FIELD_MESSAGES[field] ? t(FIELD_MESSAGES[field]) : message])));
    },
  };
}

/** A `<input type="datetime-local">` value for an instant, in the browser's time zone. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The instant a datetime-local value means (local time) in ISO UTC; an unreadable value goes as is, for the API to refuse. */
export function fromLocalInput(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

function ActionCard({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="card stack partner-action" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

export function LabelForm({ shipment, post }: { shipment: PartnerShipment; post: PostEvent }) {
  const { t } = useI18n();
  const listId = useId();
  const [carrierCode, setCarrierCode] = useState(shipment.carrierCode ?? '');
  const [trackingNumber, setTrackingNumber] = useState(shipment.trackingNumber ?? '');
  const [busy, setBusy] = useState(false);
  const { errors, take } = useFieldErrors();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const error = await post({ status: 'label_created', occurredAt: new Date().toISOString(), carrierCode: carrierCode.trim(), trackingNumber: trackingNumber.trim() });
    take(error);
    setBusy(false);
  };
  return (
    <ActionCard title={t('partner.labelHeading')}>
      <p className="muted">{t('partner.labelHelp')}</p>
      <form className="stack" noValidate onSubmit={(e) => void submit(e)}>
        <div className="row">
          <Field label={t('partner.carrierCode')} hint={t('partner.carrierHint')} error={errors.carrierCode} value={carrierCode}
            onChange={(e) => setCarrierCode(e.target.value)} list={listId} required autoComplete="off" spellCheck={false} dir="ltr" />
          <datalist id={listId}>{KNOWN_CARRIERS.map((c) => <option key={c} value={c}>{carrierName(c)}</option>)}</datalist>
          <Field label={t('partner.trackingNumber')} error={errors.trackingNumber} value={trackingNumber}
            onChange={(e) => setTrackingNumber(e.target.value)} required autoComplete="off" spellCheck={false} dir="ltr" />
        </div>
        <div><Button type="submit" busy={busy}>{t('partner.saveLabel')}</Button></div>
      </form>
    </ActionCard>
  );
}

export function ShipAction({ shipment, post }: { shipment: PartnerShipment; post: PostEvent }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const ship = async () => {
    setBusy(true);
    await post({ status: 'shipped', occurredAt: new Date().toISOString() });
    setBusy(false);
  };
  return (
    <ActionCard title={t('partner.shipHeading')}>
      <p className="muted">{t('partner.shipHelp')}</p>
      {!shipment.trackingNumber ? <p className="partner-warn">{t('partner.noLabelYet')}</p> : null}
      <div><Button busy={busy} onClick={() => void ship()}>{t('partner.markShipped')}</Button></div>
    </ActionCard>
  );
}

/** The status a partner most likely reports next: one step further along the path. */
function nextStatus(shipment: PartnerShipment): ReportableStatus {
  const at = (FORWARD_PATH as readonly string[]).indexOf(shipment.status);
  const next = at >= 0 ? FORWARD_PATH[Math.min(at + 1, FORWARD_PATH.length - 1)] : 'in_transit';
  return next === 'pending' || next === undefined ? 'label_created' : next;
}

export function EventForm({ shipment, post }: { shipment: PartnerShipment; post: PostEvent }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<ReportableStatus>(() => nextStatus(shipment));
  // "Now" unless the partner picks a time: sent to the second, so it is not a minute older than the last event.
  const [occurredAt, setOccurredAt] = useState<{ value: string; touched: boolean }>(() => ({ value: toLocalInput(new Date()), touched: false }));
  const [location, setLocation] = useState('');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, take } = useFieldErrors();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const error = await post({
      status,
      occurredAt: occurredAt.touched ? fromLocalInput(occurredAt.value) : new Date().toISOString(),
      ...(location.trim() ? { location: location.trim() } : {}),
      ...(description.trim() ? { description: description.trim() } : {}),
    });
    take(error);
    setBusy(false);
    if (!error) {
      setLocation('');
      setDescription('');
      setOccurredAt({ value: toLocalInput(new Date()), touched: false });
    }
  };
  return (
    <ActionCard title={t('partner.eventHeading')}>
      <form className="stack" noValidate onSubmit={(e) => void submit(e)}>
        <div className="row">
          <SelectField label={t('partner.eventStatus')} value={status} onChange={(e) => setStatus(e.target.value as ReportableStatus)}>
            {REPORTABLE_STATUSES.map((s) => <option key={s} value={s}>{t(`common.shipment_${s}`)}</option>)}
          </SelectField>
          <Field label={t('partner.occurredAt')} hint={t('partner.occurredAtHint')} error={errors.occurredAt} type="datetime-local" required
            value={occurredAt.value} onChange={(e) => setOccurredAt({ value: e.target.value, touched: true })} />
        </div>
        <div className="row">
          <Field label={t('partner.location')} error={errors.location} value={location} maxLength={200} onChange={(e) => setLocation(e.target.value)} dir="auto" />
          <Field label={t('partner.description')} error={errors.description} value={description} maxLength={500} onChange={(e) => setDescription(e.target.value)} dir="auto" />
        </div>
        <div><Button type="submit" busy={busy}>{t('partner.postEvent')}</Button></div>
      </form>
    </ActionCard>
  );
}

/** A shipment's events, newest first, dated in the reader's locale (the tracking page and the partner console). */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { StatusBadge } from '../ui/components';
import type { ShipmentStatus } from '../partner/types';

export interface TimelineEvent {
  status: ShipmentStatus;
  occurredAt: string;
  location: string | null;
  description: string | null;
}

export function EventTimeline<E extends TimelineEvent>({ events, label, extra }: { events: E[]; label: string; extra?: (event: E) => ReactNode }) {
  const { dateTime } = useI18n();
  // The API keeps events oldest first; readers want the latest news on top.
  const newestFirst = [...events].sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : 0));
  return (
    <ol className="timeline track-timeline" aria-label={label}>
      {newestFirst.map((e, i) => (
        <li key={`${e.occurredAt}-${e.status}-${i}`} className={`track-event track-event-${e.status}`}>
          <div className="track-event-head">
            <StatusBadge kind="shipment" status={e.status} />
            <time dateTime={e.occurredAt}>{dateTime(e.occurredAt)}</time>
          </div>
          {e.location ? <div className="track-event-location" dir="auto">{e.location}</div> : null}
          {e.description ? <div className="muted" dir="auto">{e.description}</div> : null}
          {extra ? extra(e) : null}
        </li>
      ))}
    </ol>
  );
}

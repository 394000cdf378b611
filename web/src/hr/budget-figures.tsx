import { useI18n, type MessageKey } from '../i18n';
import type { Budget } from './api-types';

const FIGURES: [keyof Budget, MessageKey][] = [
  ['balancePoints', 'hr.balance'],
  ['pendingTopUpPoints', 'hr.pendingTopUps'],
  ['allocatedPoints', 'hr.allocated'],
  ['redeemedPoints', 'hr.redeemed'],
  ['expiredPoints', 'hr.expired'],
];

/** The budget's figures as a definition list of cards. */
export function BudgetFigures({ budget }: { budget: Budget }) {
  const { t, points } = useI18n();
  return (
    <dl className="grid" style={{ margin: 0 }}>
      {FIGURES.map(([field, label], i) => (
        <div key={field} className="card">
          <dt className="muted">{t(label)}</dt>
          <dd className={i === 0 ? 'big' : undefined} style={{ margin: 0, fontSize: i === 0 ? undefined : '1.3rem', fontWeight: 600 }}>{points(budget[field])}</dd>
        </div>
      ))}
    </dl>
  );
}

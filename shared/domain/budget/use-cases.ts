/**
 * The company budget: its balance and counters, its ledger, and funding the platform operator
 * records for invoices paid by bank transfer.
 */
import type { CompanyRepository } from '../companies/ports.js';
import { NotFoundError } from '../errors.js';
import type { LedgerStore } from '../ledger/ports.js';
import { deriveId } from '../ledger/rules.js';
import type { Clock, ListOptions } from '../ports.js';
import type { Budget, CreateCreditBody, Credit } from './schemas.js';

export interface BudgetDeps {
  ledger: LedgerStore;
  companies: CompanyRepository;
  clock: Clock;
}

/** Who asked, and with which Idempotency-Key: value-moving ids derive from it. */
export interface RequestKey {
  sub: string;
  idempotencyKey: string;
}

export async function getBudget(deps: BudgetDeps, companyId: string): Promise<Budget> {
  const { balance, counters, redeemed } = await deps.ledger.budget(companyId);
  return {
    balancePoints: balance,
    pendingTopUpPoints: counters.pendingTopUpPoints,
    allocatedPoints: counters.allocatedPoints,
    redeemedPoints: redeemed,
    expiredPoints: counters.expiredPoints,
    fundedPoints: counters.fundedPoints,
    refundedPoints: counters.refundedPoints,
  };
}

export function listBudgetLedger(deps: BudgetDeps, companyId: string, options: ListOptions) {
  return deps.ledger.entries(companyId, { kind: 'budget' }, options);
}

/**
 * Records funding received outside Stripe (a bank transfer against an invoice): external
 * funding → budget. The credit id derives from (company, caller, Idempotency-Key), so a replay
 * returns the first credit and never posts twice.
 * @throws NotFoundError for an unknown company.
 */
export async function recordCredit(deps: BudgetDeps, companyId: string, request: RequestKey, body: CreateCreditBody): Promise<Credit> {
  if (!(await deps.companies.get(companyId))) throw new NotFoundError('company');
  const creditId = deriveId('credit', companyId, request.sub, request.idempotencyKey);
  const transferId = `credit:${creditId}`;
  const at = deps.clock.now().toISOString();
  await deps.ledger.post(companyId, { accounts: [{ kind: 'budget' }] }, () => ({
    transfer: {
      transferId, kind: 'credit', reference: creditId, note: body.reference, at,
      legs: [{ account: { kind: 'external' }, delta: -body.points }, { account: { kind: 'budget' }, delta: body.points }],
    },
    effects: [{ type: 'budget.count', counters: { fundedPoints: body.points } }],
  }));
  const posted = await deps.ledger.transfer(companyId, transferId);
  if (!posted) throw new Error(`credit ${creditId} was not recorded`);
  return { creditId, companyId, points: posted.legs.find((l) => l.account === 'budget')!.delta, reference: posted.note ?? '', createdAt: posted.at };
}

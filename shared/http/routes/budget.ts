/** Routes: the company budget: balance, ledger, Stripe top-ups and credits. Part of the route table (../routes.ts). */
import * as z from 'zod';
import { ListQuery, page } from '../../domain/common/schemas.js';
import { Budget, CreateCreditBody, CreateTopUpBody, Credit, CreditPath, TopUp, TopUpPath } from '../../domain/budget/schemas.js';
import { LedgerEntry } from '../../domain/ledger/schemas.js';
import { route, HR, OPERATOR, type RouteDefinition } from './definition.js';

export const budgetRoutes = {
  getBudget: route({
    id: 'getBudget', method: 'GET', path: '/v1/budget', entry: 'functions/http/get-budget.ts', auth: HR,
    summary: 'The company\'s budget: balance, pending top-ups, allocated, redeemed and expired points', tag: 'Budget',
    status: 200, response: Budget, access: { main: 'read' },
  }),
  listBudgetLedger: route({
    id: 'listBudgetLedger', method: 'GET', path: '/v1/budget/ledger', entry: 'functions/http/list-budget-ledger.ts',
    auth: HR, summary: 'Entries of the company budget, newest first', tag: 'Budget', query: ListQuery, status: 200,
    response: page(LedgerEntry), access: { main: 'read' },
  }),
  createTopUp: route({
    id: 'createTopUp', method: 'POST', path: '/v1/budget/top-ups', entry: 'functions/http/create-top-up.ts', auth: HR,
    summary: 'Buy points: a Stripe Checkout Session; the points arrive when Stripe confirms payment', tag: 'Budget',
    body: CreateTopUpBody, idempotent: true, status: 201, response: TopUp,
    access: { main: 'readwrite', idempotency: true, secrets: ['stripe'] },
  }),
  listTopUps: route({
    id: 'listTopUps', method: 'GET', path: '/v1/budget/top-ups', entry: 'functions/http/list-top-ups.ts', auth: HR,
    summary: 'The company\'s top-ups, newest first', tag: 'Budget', query: ListQuery, status: 200, response: page(TopUp),
    access: { main: 'read' },
  }),
  getTopUp: route({
    id: 'getTopUp', method: 'GET', path: '/v1/budget/top-ups/{topUpId}', entry: 'functions/http/get-top-up.ts', auth: HR,
    summary: 'A top-up and its payment state', tag: 'Budget', params: TopUpPath, status: 200, response: TopUp,
    access: { main: 'read' },
  }),
  stripeWebhook: route({
    id: 'stripeWebhook', method: 'POST', path: '/v1/webhooks/stripe', entry: 'functions/webhooks/stripe.ts', auth: 'public',
    summary: 'Stripe events (Stripe-Signature verified): payments, expiries and refunds of top-ups', tag: 'Webhooks',
    status: 200, response: z.object({ received: z.literal(true), outcome: z.string() }),
    access: { main: 'readwrite', secrets: ['stripe'] },
  }),
  createCredit: route({
    id: 'createCredit', method: 'POST', path: '/v1/companies/{companyId}/budget/credits',
    entry: 'functions/http/create-credit.ts', auth: OPERATOR,
    summary: 'Record funding received outside Stripe (bank transfer against an invoice)', tag: 'Budget',
    params: CreditPath, body: CreateCreditBody, idempotent: true, status: 201, response: Credit,
    access: { main: 'readwrite', idempotency: true },
  }),
} satisfies Record<string, RouteDefinition>;

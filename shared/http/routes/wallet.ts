/** Routes: the calling employee's wallet. Part of the route table (../routes.ts). */
import { ListQuery, page } from '../../domain/common/schemas.js';
import { LedgerEntry } from '../../domain/ledger/schemas.js';
import { Me } from '../../domain/wallet/schemas.js';
import { route, EMPLOYEE, type RouteDefinition } from './definition.js';

export const walletRoutes = {
  getMe: route({
    id: 'getMe', method: 'GET', path: '/v1/me', entry: 'functions/http/get-me.ts', auth: EMPLOYEE,
    summary: 'The calling employee\'s wallet: balance and what expires when', tag: 'Wallet', status: 200, response: Me,
    access: { main: 'read' },
  }),
  listMyLedger: route({
    id: 'listMyLedger', method: 'GET', path: '/v1/me/ledger', entry: 'functions/http/list-my-ledger.ts', auth: EMPLOYEE,
    summary: 'Entries of the calling employee\'s wallet, newest first', tag: 'Wallet', query: ListQuery, status: 200,
    response: page(LedgerEntry), access: { main: 'read' },
  }),
} satisfies Record<string, RouteDefinition>;

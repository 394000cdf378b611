/**
 * The response shapes the HR console reads, taken from the zod schemas that validate the API
 * (type-only imports: nothing of the server reaches the bundle), so the console and the API
 * cannot drift apart silently.
 */
export type { Allocation } from '../../../shared/domain/allocations/schemas';
export type { Budget, TopUp } from '../../../shared/domain/budget/schemas';
export type { CatalogProduct, Selection } from '../../../shared/domain/catalog/schemas';
export type { Employee, EmployeeImport } from '../../../shared/domain/employees/schemas';
export type { LedgerEntry } from '../../../shared/domain/ledger/schemas';
export type { Order } from '../../../shared/domain/orders/schemas';
export type { ReportSummary } from '../../../shared/domain/reports/schemas';

import type { Portal } from '../portal';
import { AllocationsPage } from './allocations-page';
import { BudgetPage } from './budget-page';
import { CatalogPage } from './catalog-page';
import { DashboardPage } from './dashboard-page';
import { EmployeesPage } from './employees-page';
import { OrderPage } from './order-page';
import { OrdersPage } from './orders-page';
import { ReportsPage } from './reports-page';

/** The HR console (issue 7): fund the budget, manage people, allocate points, curate, follow orders, report. */
export const hrPortal: Portal = {
  role: 'hr_admin',
  nav: [
    { to: '/hr', label: 'hr.navDashboard' },
    { to: '/hr/budget', label: 'hr.navBudget' },
    { to: '/hr/employees', label: 'hr.navEmployees' },
    { to: '/hr/allocations', label: 'hr.navAllocations' },
    { to: '/hr/catalog', label: 'hr.navCatalog' },
    { to: '/hr/orders', label: 'hr.navOrders' },
    { to: '/hr/reports', label: 'hr.navReports' },
  ],
  routes: [
    { path: '/hr', page: DashboardPage },
    { path: '/hr/budget', page: BudgetPage },
    { path: '/hr/employees', page: EmployeesPage },
    { path: '/hr/allocations', page: AllocationsPage },
    { path: '/hr/catalog', page: CatalogPage },
    { path: '/hr/orders', page: OrdersPage },
    { path: '/hr/orders/:orderId', page: OrderPage },
    { path: '/hr/reports', page: ReportsPage },
  ],
};

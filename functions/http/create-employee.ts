import { deps } from '../../shared/composition.js';
import { createEmployee } from '../../shared/domain/employees/use-cases.js';
import { routes } from '../../shared/http/routes.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(routes.createEmployee, ({ principal, body }) =>
  createEmployee(deps(), principal.companyId!, body),
);

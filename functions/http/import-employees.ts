import { importDeps } from '../../shared/composition.js';
import { startEmployeeImport } from '../../shared/domain/employees/imports.js';
import { employeeRoutes } from '../../shared/http/routes/employees.js';
import { Respond } from '../../shared/http/responses.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(employeeRoutes.importEmployees, async ({ principal, rawBody }) => {
  const { importId } = await startEmployeeImport(importDeps(), principal.companyId!, rawBody);
  return new Respond(202, { importId }, { location: `/v1/employees/imports/${importId}` });
});

import { imports } from '../../shared/composition.js';
import { NotFoundError } from '../../shared/domain/errors.js';
import { employeeRoutes } from '../../shared/http/routes/employees.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(employeeRoutes.getEmployeeImport, async ({ principal, params, query }) => {
  const record = await imports().get(principal.companyId!, params.importId, query.errorsCursor);
  if (!record) throw new NotFoundError('import');
  return record;
});

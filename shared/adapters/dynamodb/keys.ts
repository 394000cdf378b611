/**
 * The one module that formats keys. Access patterns: docs/data-model.md.
 * Tenant-owned items carry the company id in their partition key, so a lookup built from the
 * caller's token can never reach another company's item.
 */
const pad = (n: number) => String(n).padStart(6, '0');

export const keys = {
  company: (companyId: string) => ({ pk: `C#${companyId}`, sk: 'PROFILE' }),
  companyListing: (companyId: string) => ({ gsi1pk: 'COMPANIES', gsi1sk: companyId }),

  partner: (partnerId: string) => ({ pk: `P#${partnerId}`, sk: 'PROFILE' }),
  partnerListing: (partnerId: string) => ({ gsi1pk: 'PARTNERS', gsi1sk: partnerId }),

  employee: (companyId: string, employeeId: string) => ({ pk: `C#${companyId}#E#${employeeId}`, sk: 'PROFILE' }),
  /** gsi1: the company's employees, by status then id. */
  employeeListing: (companyId: string, status: string, employeeId: string) => ({
    gsi1pk: `C#${companyId}#EMPLOYEES`,
    gsi1sk: `${status}#${employeeId}`,
  }),
  employeesPartition: (companyId: string) => `C#${companyId}#EMPLOYEES`,
  /** gsi2: a department's employees, by status then id. */
  employeeDepartment: (companyId: string, department: string, status: string, employeeId: string) => ({
    gsi2pk: `C#${companyId}#DEPT#${department}`,
    gsi2sk: `${status}#${employeeId}`,
  }),
  departmentPartition: (companyId: string, department: string) => `C#${companyId}#DEPT#${department}`,
  /** Uniqueness of an email within a company; holds the employee id. */
  employeeEmail: (companyId: string, email: string) => ({ pk: `C#${companyId}#EMAIL#${email}`, sk: 'EMAIL' }),

  employeeImport: (companyId: string, importId: string) => ({ pk: `C#${companyId}#IMPORT#${importId}`, sk: 'IMPORT' }),
  importChunk: (companyId: string, importId: string, chunk: number) => ({
    pk: `C#${companyId}#IMPORT#${importId}`,
    sk: `CHUNK#${pad(chunk)}`,
  }),
  importError: (companyId: string, importId: string, row: number) => ({
    pk: `C#${companyId}#IMPORT#${importId}`,
    sk: `ERROR#${pad(row)}`,
  }),
  importPartition: (companyId: string, importId: string) => `C#${companyId}#IMPORT#${importId}`,
};

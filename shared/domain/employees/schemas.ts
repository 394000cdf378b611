import * as z from 'zod';
import { Country, Id, IsoDate, ListQuery, Text, Timestamp } from '../common/schemas.js';

export const EmployeeStatus = z.enum(['active', 'inactive']);
export type EmployeeStatus = z.infer<typeof EmployeeStatus>;

export const Email = z
  .email()
  .max(254)
  .transform((e) => e.trim().toLowerCase())
  .meta({ description: 'Unique within the company, compared case-insensitively' });
export const Department = Text(100);

export const CreateEmployeeBody = z
  .strictObject({
    email: Email,
    name: Text(200),
    country: Country,
    department: Department.optional(),
    hireDate: IsoDate.optional(),
    birthDate: IsoDate.optional(),
  })
  .meta({ id: 'CreateEmployee' });
export type CreateEmployeeBody = z.infer<typeof CreateEmployeeBody>;

export const UpdateEmployeeBody = z
  .strictObject({
    name: Text(200).optional(),
    department: Department.nullable().optional(),
    country: Country.optional(),
    status: EmployeeStatus.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'must change at least one field' })
  .meta({ id: 'UpdateEmployee' });
export type UpdateEmployeeBody = z.infer<typeof UpdateEmployeeBody>;

export const Employee = z
  .object({
    employeeId: Id,
    email: z.string(),
    name: z.string(),
    country: Country,
    department: z.string().nullable(),
    hireDate: IsoDate.nullable(),
    birthDate: IsoDate.nullable(),
    status: EmployeeStatus,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Employee' });
export type Employee = z.infer<typeof Employee>;

export const EmployeePath = z.object({ employeeId: Id });
export const ListEmployeesQuery = ListQuery.extend({
  department: Department.optional(),
  status: EmployeeStatus.optional(),
});

export const ImportStatus = z.enum(['running', 'completed', 'failed']);
export const EmployeeImport = z
  .object({
    importId: Id,
    status: ImportStatus,
    total: z.number().int().describe('Data rows in the file'),
    processed: z.number().int().describe('Rows handled so far (progress)'),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int().describe('Rows that matched the stored employee exactly'),
    failed: z.number().int(),
    errors: z.array(z.object({ row: z.number().int().describe('1-based data row, header excluded'), message: z.string() })),
    errorsNextCursor: z.string().nullable().describe('More row errors: GET again with ?errorsCursor='),
    createdAt: Timestamp,
    completedAt: Timestamp.nullable(),
  })
  .meta({ id: 'EmployeeImport' });
export type EmployeeImport = z.infer<typeof EmployeeImport>;
export const ImportPath = z.object({ importId: Id });
export const ImportStatusQuery = z.object({ errorsCursor: z.string().max(2048).optional() });

/** The CSV header the import accepts (order free, extra columns rejected). */
export const IMPORT_COLUMNS = ['email', 'name', 'country', 'department', 'hireDate', 'birthDate'] as const;

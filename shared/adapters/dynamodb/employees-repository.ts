import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Page } from '../../domain/common/schemas.js';
import type { EmployeeRepository, StoredEmployee } from '../../domain/employees/ports.js';
import { Employee, type EmployeeStatus } from '../../domain/employees/schemas.js';
import { toEmployee } from '../../domain/employees/use-cases.js';
import { ConflictError } from '../../domain/errors.js';
import type { ListOptions } from '../../domain/ports.js';
import { batchGet } from './batch.js';
import { keys } from './keys.js';
import { decodeCursor, encodeCursor } from './pagination.js';

const StoredEmployeeItem = Employee.extend({
  lastImport: z.object({ importId: z.string(), row: z.number(), outcome: z.enum(['created', 'updated']) }).optional(),
});

/** The stored item of an employee (bulk loaders outside the request path reuse it). */
export function employeeItem(companyId: string, e: StoredEmployee) {
  return {
    ...keys.employee(companyId, e.employeeId),
    ...keys.employeeListing(companyId, e.status, e.employeeId),
    ...(e.department ? keys.employeeDepartment(companyId, e.department, e.status, e.employeeId) : {}),
    entityType: 'Employee',
    companyId,
    ...e,
  };
}

export class DynamoEmployeeRepository implements EmployeeRepository {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  /** Employee and email-uniqueness item in one transaction. */
  async create(companyId: string, employee: StoredEmployee): Promise<void> {
    try {
      await this.db.send(new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.table,
              Item: { ...keys.employeeEmail(companyId, employee.email), entityType: 'EmployeeEmail', employeeId: employee.employeeId },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          { Put: { TableName: this.table, Item: employeeItem(companyId, employee), ConditionExpression: 'attribute_not_exists(pk)' } },
        ],
      }));
    } catch (err) {
      if (err instanceof TransactionCanceledException && err.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') {
        throw new ConflictError(`An employee with the email ${employee.email} already exists in the company`, { cause: err });
      }
      throw err;
    }
  }

  async get(companyId: string, employeeId: string): Promise<StoredEmployee | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.employee(companyId, employeeId), ConsistentRead: true }));
    return out.Item ? StoredEmployeeItem.parse(out.Item) : undefined;
  }

  async findByEmail(companyId: string, email: string): Promise<StoredEmployee | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.employeeEmail(companyId, email), ConsistentRead: true }));
    const employeeId = out.Item?.employeeId;
    return typeof employeeId === 'string' ? this.get(companyId, employeeId) : undefined;
  }

  async getMany(companyId: string, employeeIds: string[]): Promise<StoredEmployee[]> {
    const unique = [...new Set(employeeIds)];
    if (unique.length > 100) throw new Error('getMany takes at most 100 ids');
    return (await batchGet(this.db, this.table, unique.map((id) => keys.employee(companyId, id)))).map((i) => StoredEmployeeItem.parse(i));
  }

  async activeIds(companyId: string, department?: string): Promise<string[]> {
    const index = department === undefined ? 'gsi1' : 'gsi2';
    const partition = department === undefined ? keys.employeesPartition(companyId) : keys.departmentPartition(companyId, department);
    const ids: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(new QueryCommand({
        TableName: this.table,
        IndexName: index,
        KeyConditionExpression: `${index}pk = :p AND begins_with(${index}sk, :active)`,
        ExpressionAttributeValues: { ':p': partition, ':active': 'active#' },
        ProjectionExpression: 'employeeId',
        ExclusiveStartKey: start,
      }));
      for (const i of out.Items ?? []) ids.push(i.employeeId as string);
      start = out.LastEvaluatedKey;
    } while (start);
    return ids;
  }

  async replace(companyId: string, previous: StoredEmployee, next: StoredEmployee): Promise<boolean> {
    try {
      await this.db.send(new PutCommand({
        TableName: this.table,
        Item: employeeItem(companyId, next),
        ConditionExpression: 'updatedAt = :seen',
        ExpressionAttributeValues: { ':seen': previous.updatedAt },
      }));
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async list(
    companyId: string,
    filter: { department?: string | undefined; status?: EmployeeStatus | undefined },
    options: ListOptions,
  ): Promise<Page<Employee>> {
    const byDepartment = filter.department !== undefined;
    const index = byDepartment ? 'gsi2' : 'gsi1';
    const partition = byDepartment ? keys.departmentPartition(companyId, filter.department!) : keys.employeesPartition(companyId);
    const out = await this.db.send(new QueryCommand({
      TableName: this.table,
      IndexName: index,
      KeyConditionExpression: filter.status ? `${index}pk = :p AND begins_with(${index}sk, :s)` : `${index}pk = :p`,
      ExpressionAttributeValues: { ':p': partition, ...(filter.status ? { ':s': `${filter.status}#` } : {}) },
      Limit: options.limit,
      ExclusiveStartKey: decodeCursor(options.cursor, {
        attribute: `${index}pk`,
        value: partition,
        allowed: ['pk', 'sk', `${index}pk`, `${index}sk`],
        ...(filter.status ? { sortKey: { attribute: `${index}sk`, prefix: `${filter.status}#` } } : {}),
      }),
    }));
    return {
      items: (out.Items ?? []).map((i) => toEmployee(StoredEmployeeItem.parse(i))),
      nextCursor: encodeCursor(out.LastEvaluatedKey),
    };
  }
}

import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Page } from '../../domain/common/schemas.js';
import type { CompanyRepository, PartnerRepository } from '../../domain/companies/ports.js';
import { Company } from '../../domain/companies/schemas.js';
import { Partner } from '../../domain/partners/schemas.js';
import type { ListOptions } from '../../domain/ports.js';
import { keys } from './keys.js';
import { decodeCursor, encodeCursor } from './pagination.js';

const LISTING_KEY = ['pk', 'sk', 'gsi1pk', 'gsi1sk'];

async function listing<T>(
  db: DynamoDBDocumentClient,
  table: string,
  partition: string,
  options: ListOptions,
  parse: (item: Record<string, unknown>) => T,
): Promise<Page<T>> {
  const out = await db.send(new QueryCommand({
    TableName: table,
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :p',
    ExpressionAttributeValues: { ':p': partition },
    Limit: options.limit,
    ExclusiveStartKey: decodeCursor(options.cursor, { attribute: 'gsi1pk', value: partition, allowed: LISTING_KEY }),
  }));
  return { items: (out.Items ?? []).map(parse), nextCursor: encodeCursor(out.LastEvaluatedKey) };
}

export class DynamoCompanyRepository implements CompanyRepository {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async create(company: Company): Promise<void> {
    await this.db.send(new PutCommand({
      TableName: this.table,
      Item: { ...keys.company(company.companyId), ...keys.companyListing(company.companyId), entityType: 'Company', ...company },
      ConditionExpression: 'attribute_not_exists(pk)',
    }));
  }

  async get(companyId: string): Promise<Company | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.company(companyId) }));
    return out.Item ? Company.parse(out.Item) : undefined;
  }

  list(options: ListOptions): Promise<Page<Company>> {
    return listing(this.db, this.table, 'COMPANIES', options, (i) => Company.parse(i));
  }
}

export class DynamoPartnerRepository implements PartnerRepository {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async create(partner: Partner): Promise<void> {
    await this.db.send(new PutCommand({
      TableName: this.table,
      Item: { ...keys.partner(partner.partnerId), ...keys.partnerListing(partner.partnerId), entityType: 'Partner', ...partner },
      ConditionExpression: 'attribute_not_exists(pk)',
    }));
  }

  async get(partnerId: string): Promise<Partner | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.partner(partnerId) }));
    return out.Item ? Partner.parse(out.Item) : undefined;
  }

  list(options: ListOptions): Promise<Page<Partner>> {
    return listing(this.db, this.table, 'PARTNERS', options, (i) => Partner.parse(i));
  }
}

/**
 * Stateful resources: the DynamoDB tables and the Stripe secret. Kept apart from the stateless
 * stack so that code and API changes never touch the data, and with static logical ids so that
 * a refactor of this file (renamed constructs, moved scopes) can never make CloudFormation
 * replace a table or the secret (and lose the keys operators pasted into it).
 */
import { RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, CfnTable, StreamViewType, Table, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Secret, type CfnSecret, type ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import {
  idempotencyTable,
  mainTable,
  type KeyType,
  type TableDefinition,
} from '../../shared/adapters/dynamodb/table-definition.js';
import type { StageConfig } from '../stage-config.js';

const attributeTypes: Record<KeyType, AttributeType> = { S: AttributeType.STRING, N: AttributeType.NUMBER };

/** Index key attributes are strings (createTableInput declares them the same way). */
const INDEX_KEY_TYPE = AttributeType.STRING;

/** The CloudFormation logical id of the Stripe secret. */
export const STRIPE_SECRET_LOGICAL_ID = 'StripeSecret';

/**
 * The value CloudFormation creates the secret with, so a deploy needs no real keys: the
 * placeholder API key fails every Stripe call and the random webhook secret matches no
 * signature, so both Stripe functions fail closed until an operator pastes the real keys.
 * Never change it: a changed GenerateSecretString makes CloudFormation generate a new value,
 * overwriting the keys operators put there.
 */
export const STRIPE_SECRET_PLACEHOLDER = {
  secretStringTemplate: JSON.stringify({ secretKey: 'set-me' }),
  generateStringKey: 'webhookSecret',
} as const;

/** The CloudFormation logical id of the ShipEngine secret. */
export const SHIPENGINE_SECRET_LOGICAL_ID = 'ShipEngineSecret';
/** No `apiKey` until an operator sets one: the functions then leave carrier tracking off. Never change it (see above). */
export const SHIPENGINE_SECRET_PLACEHOLDER = { secretStringTemplate: '{}', generateStringKey: 'placeholder' } as const;

export interface StatefulStackProps extends StackProps {
  readonly stageConfig: StageConfig;
}

/** The CloudFormation logical id of a table: its definition's stable id plus `Table`. */
export function tableLogicalId(def: TableDefinition): string {
  return `${def.id}Table`;
}

export class StatefulStack extends Stack {
  readonly mainTable: ITable;
  readonly idempotencyTable: ITable;
  /** Stripe's `{"secretKey","webhookSecret"}`, read at runtime by shared/adapters/stripe/settings.ts. */
  readonly stripeSecret: ISecret;
  /** ShipEngine's `{"apiKey"}`, read by shared/adapters/shipengine/settings.ts; without a key, tracking comes from partners only. */
  readonly shipEngineSecret: ISecret;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    this.mainTable = this.createTable(mainTable);
    this.idempotencyTable = this.createTable(idempotencyTable);
    this.stripeSecret = this.createStripeSecret(props.stageConfig);
    this.shipEngineSecret = this.createShipEngineSecret(props.stageConfig);
  }

  private createShipEngineSecret(stageConfig: StageConfig): Secret {
    const secret = new Secret(this, SHIPENGINE_SECRET_LOGICAL_ID, {
      description: 'ShipEngine API key of the gifting platform: operators put {"apiKey":"..."} here; until then carrier tracking is off.',
      generateSecretString: { ...SHIPENGINE_SECRET_PLACEHOLDER },
      removalPolicy: stageConfig.removalPolicy,
    });
    (secret.node.defaultChild as CfnSecret).overrideLogicalId(SHIPENGINE_SECRET_LOGICAL_ID);
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'ShipEngine API keys are issued and revoked in the ShipEngine dashboard, not by a rotation Lambda; the runbook describes putting a new key here (read again within 5 minutes).',
    });
    return secret;
  }

  private createTable(def: TableDefinition): Table {
    const table = new Table(this, tableLogicalId(def), {
      partitionKey: { name: def.partitionKey.name, type: attributeTypes[def.partitionKey.type] },
      ...(def.sortKey ? { sortKey: { name: def.sortKey.name, type: attributeTypes[def.sortKey.type] } } : {}),
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // Retained in every stage: deleting a stack must never delete customer balances or orders.
      removalPolicy: RemovalPolicy.RETAIN,
      ...(def.timeToLiveAttribute ? { timeToLiveAttribute: def.timeToLiveAttribute } : {}),
      ...(def.stream ? { stream: StreamViewType.NEW_AND_OLD_IMAGES } : {}),
    });
    for (const index of def.globalIndexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: INDEX_KEY_TYPE },
        sortKey: { name: index.sortKey, type: INDEX_KEY_TYPE },
      });
    }
    (table.node.defaultChild as CfnTable).overrideLogicalId(tableLogicalId(def));
    return table;
  }

  private createStripeSecret(stageConfig: StageConfig): Secret {
    const secret = new Secret(this, STRIPE_SECRET_LOGICAL_ID, {
      description:
        'Stripe keys of the gifting platform: operators put {"secretKey":"sk_...","webhookSecret":"whsec_..."} here; functions pick up a change within 5 minutes.',
      generateSecretString: { ...STRIPE_SECRET_PLACEHOLDER },
      // The keys can be pasted again from the Stripe dashboard, so dev may delete the secret with
      // its stack; prod retains it.
      removalPolicy: stageConfig.removalPolicy,
    });
    (secret.node.defaultChild as CfnSecret).overrideLogicalId(STRIPE_SECRET_LOGICAL_ID);
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Stripe API and webhook keys cannot be rotated by a Secrets Manager rotation Lambda: they are rolled in the Stripe dashboard and the new values put into this secret (PutSecretValue), as the runbook describes; the functions re-read the secret every 5 minutes, so a rolled key takes effect without a deploy.',
    });
    return secret;
  }
}

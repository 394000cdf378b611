/**
 * Who may call the API: a Cognito user pool whose groups are the platform's roles and whose
 * custom attributes carry the tenant claims (company_id, employee_id, partner_id), plus the
 * app client the portals sign in with through Cognito's hosted UI (implicit grant: the ID
 * token comes back in the fragment of <portal>/signin/callback and is the API's bearer token). Users are created by administrators, never by sign-up,
 * and the tenant attributes are readable but not writable by the client: a user must not be
 * able to move themselves into another company.
 */
import { Duration, Validations, type RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClientIdentityProvider,
  type UserPoolClient,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ROLES } from '../../shared/http/routes.js';
import { pascalCase } from '../naming.js';

/** The tenant claims of API.md, as Cognito custom attributes (`custom:<name>` in tokens). */
export const TENANT_ATTRIBUTES = ['company_id', 'employee_id', 'partner_id'] as const;

export interface IdentityProps {
  readonly removalPolicy: RemovalPolicy;
  readonly deletionProtection: boolean;
  readonly featurePlan: 'essentials' | 'plus';
  /** Prefix of the hosted UI's domain (`<prefix>.auth.<region>.amazoncognito.com`); unique per region. */
  readonly domainPrefix: string;
  /** `https://<portal domain>`: where the hosted UI may send users back to. */
  readonly portalUrl: string;
}

export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** Cognito's hosted UI, which the portals' sign-in redirects to. */
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    const plus = props.featurePlan === 'plus';
    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true }, fullname: { required: false, mutable: true } },
      customAttributes: Object.fromEntries(
        TENANT_ATTRIBUTES.map((name) => [name, new StringAttribute({ minLen: 1, maxLen: 64, mutable: true })]),
      ),
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: plus ? FeaturePlan.PLUS : FeaturePlan.ESSENTIALS,
      ...(plus ? { standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION } : {}),
      deletionProtection: props.deletionProtection,
      removalPolicy: props.removalPolicy,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is offered (TOTP) but not required: employees who redeem a few gifts a year sign in without enrolling an authenticator. Cognito cannot require MFA per group (hr_admin, platform_admin); that stays an open product decision. In prod the Plus tier blocks risky sign-ins.',
    });
    if (!plus) {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG8',
        reason:
          'This stage uses the Essentials tier: it holds test users only, so per-user threat-protection charges buy nothing. The prod stage runs on the Plus tier (infra/stage-config.ts).',
      });
    }

    for (const role of ROLES) {
      this.userPool.addGroup(`${pascalCase(role)}Group`, { groupName: role, description: `Platform role ${role}` });
    }

    this.domain = this.userPool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
      managedLoginVersion: ManagedLoginVersion.CLASSIC_HOSTED_UI,
    });

    const standard = { email: true, emailVerified: true, fullname: true } as const;
    this.client = this.userPool.addClient('PortalClient', {
      authFlows: { userSrp: true },
      generateSecret: false,
      // The portals are a static SPA without a backend of their own: the implicit grant hands
      // the ID token to the page, and only back to the portal's own origin.
      oAuth: {
        flows: { implicitCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${props.portalUrl}/signin/callback`],
        logoutUrls: [`${props.portalUrl}/signin`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      readAttributes: new ClientAttributes().withStandardAttributes(standard).withCustomAttributes(...TENANT_ATTRIBUTES),
      // Never empty: an omitted list would let the client write every attribute.
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true, fullname: true }),
    });
  }

  /** The hosted UI's host name, `<prefix>.auth.<region>.amazoncognito.com` (what the portals' config.json names). */
  get domainName(): string {
    // baseUrl() is `https://` followed by tokens: dropping the literal scheme leaves the host.
    return this.domain.baseUrl().replace(/^https:\/\//, '');
  }

  /** The token issuer: https://cognito-idp.<region>.amazonaws.com/<pool id>. */
  get issuerUrl(): string {
    return this.userPool.userPoolProviderUrl;
  }
}

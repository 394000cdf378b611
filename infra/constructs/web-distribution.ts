/**
 * The portals in AWS: the SPA (web/dist) in a private S3 bucket behind one CloudFront
 * distribution that also forwards /v1/* to the HTTP API, so the portals and the API share an
 * origin exactly as they do under the local runtime (local/web.ts): no CORS, relative API
 * URLs, one PUBLIC_BASE_URL for links in emails and tracking pages.
 *
 * - `/v1/*` → the API's execute-api domain: nothing cached, every method, every viewer header
 *   but Host (API Gateway routes on its own Host), and the API's status codes untouched.
 * - everything else → the bucket through Origin Access Control; a CloudFront Function sends
 *   client-side paths (no file extension) to /index.html. That is deliberately not done with
 *   the distribution's error responses, which would also rewrite the API's 403s and 404s.
 * - hashed build output (web/dist/assets) is cached for a year and never pruned, so an open
 *   tab can still lazy-load the chunks of the build it started with; everything else
 *   (index.html, config.json) is revalidated on every request, so a deploy shows at once.
 *
 * No dependency cycle, although the functions' PUBLIC_BASE_URL is this distribution's URL
 * and the distribution forwards to the API whose routes invoke those functions: the origin
 * names only the API resource's id (`<id>.execute-api.<region>.<suffix>`), and the
 * AWS::ApiGatewayV2::Api resource depends on nothing. CloudFormation creates the API, then
 * the distribution, then the app client and the functions, then the routes and their
 * integrations (test/infra/web-distribution.test.ts checks the order).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { CfnRole, Policy } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** The portals' Content-Security-Policy: the one local/web.ts sends with index.html. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' https: data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

/**
 * CloudFront Functions (cloudfront-js-2.0): a path whose last segment has no dot is a route
 * of the SPA (/orders/01J…, /track/<token>, /signin/callback), served by index.html; a path
 * with one is a file (/assets/index-3f2a.js, /config.json). Tracking tokens are base64url and
 * ids are ULIDs, so no route segment contains a dot.
 */
export const SPA_REWRITE_CODE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.lastIndexOf('.') <= uri.lastIndexOf('/')) request.uri = '/index.html';
  return request;
}`;

/** What the SPA reads from /config.json in AWS (web/src/signin/signin-page.tsx). */
export interface PortalConfig {
  /** The hosted UI's domain, without scheme: `<prefix>.auth.<region>.amazoncognito.com`. */
  readonly cognitoDomain: string;
  /** The app client the portals sign in with (the API's JWT audience). */
  readonly clientId: string;
}

export interface WebDistributionProps {
  /** Repository root: the SPA is deployed from `<sourceRoot>/web/dist` (`npm run build:web`). */
  readonly sourceRoot: string;
  /** The HTTP API served under /v1/* (its `$default` stage). */
  readonly api: IHttpApi;
  /** Of the site and log buckets: their content is rebuilt by a deploy, the logs are for a while only. */
  readonly removalPolicy: RemovalPolicy;
  /** How long the access logs and the deployment handler's logs are kept. */
  readonly logRetention: RetentionDays;
}

export class WebDistribution extends Construct {
  readonly bucket: Bucket;
  readonly logBucket: Bucket;
  readonly distribution: Distribution;
  readonly spaRewrite: CloudFrontFunction;
  /** `https://<distribution domain>`: the portals' origin, and the API's under /v1. */
  readonly url: string;

  private readonly props: WebDistributionProps;
  private readonly dist: string;

  constructor(scope: Construct, id: string, props: WebDistributionProps) {
    super(scope, id);
    this.props = props;
    this.dist = path.join(props.sourceRoot, 'web', 'dist');
    if (!existsSync(path.join(this.dist, 'index.html'))) {
      throw new Error(`The portals are not built (${this.dist}/index.html is missing): run npm run build:web before cdk synth`);
    }
    const destroy = props.removalPolicy === RemovalPolicy.DESTROY;

    // S3 server access logs of the site bucket and CloudFront's standard logs. CloudFront's
    // (legacy) log delivery writes with ACLs, hence OBJECT_WRITER; nothing public.
    this.logBucket = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(props.logRetention) }],
      removalPolicy: props.removalPolicy,
      autoDeleteObjects: destroy,
    });
    Validations.of(this.logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket is the destination of the access logs (of the site bucket and of the distribution); logging its own writes into itself would log forever.',
    });

    this.bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3/',
      removalPolicy: props.removalPolicy,
      autoDeleteObjects: destroy,
    });

    this.spaRewrite = new CloudFrontFunction(this, 'SpaRewrite', {
      comment: 'Client-side routes of the portals to /index.html',
      code: FunctionCode.fromInline(SPA_REWRITE_CODE),
    });
    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Security headers of the portals (as local/web.ts sends them)',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: CONTENT_SECURITY_POLICY, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
    });

    const stack = Stack.of(this);
    // Only the API's id: the distribution must not depend on the API's routes or stage, whose
    // integrations depend on the functions, whose PUBLIC_BASE_URL is this distribution.
    const apiDomain = `${props.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Gifting portals and API (${stack.stackName})`,
      httpVersion: HttpVersion.HTTP2_AND_3,
      defaultRootObject: 'index.html',
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        functionAssociations: [{ function: this.spaRewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
        compress: true,
      },
      additionalBehaviors: {
        '/v1/*': {
          origin: new HttpOrigin(apiDomain, {
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [OriginSslPolicy.TLS_V1_2],
          }),
          // No redirect: a request sent over plain HTTP has already exposed its token.
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          compress: true,
        },
      },
    });
    this.url = `https://${this.distribution.distributionDomainName}`;

    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'No geo restriction: the portals serve employees of customer companies in any country (they are localised for English, Turkish and Persian), and recipients open tracking links wherever they are.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'No WAF web ACL yet: a CloudFront web ACL must live in us-east-1 (a separate stack) and costs per rule; the API behind /v1 is throttled per stage and every non-public route needs a Cognito token. Adding one is an open operations decision.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The distribution uses its default *.cloudfront.net certificate, whose viewer security policy CloudFront fixes (TLSv1) and does not let us raise; a minimum of TLSv1.2 needs a custom domain with an ACM certificate in us-east-1, which the stages do not have yet. Origins are reached with TLSv1.2 only.',
      },
    );
    new CfnOutput(stack, 'PortalUrl', { value: this.url, description: 'The portals (and the API under /v1)' });
  }

  /**
   * Deploys web/dist and the sign-in configuration. Separate from the constructor because the
   * app client's callback URLs need this distribution's domain first.
   */
  deploy(config: PortalConfig): void {
    // One handler (CDK's singleton) runs both deployments; give it a log group like every function's.
    const logGroup = new LogGroup(this, 'DeploymentLogs', {
      retention: this.props.logRetention,
      removalPolicy: this.props.removalPolicy,
    });
    const assets = path.join(this.dist, 'assets');
    if (existsSync(assets)) {
      new BucketDeployment(this, 'DeployAssets', {
        destinationBucket: this.bucket,
        destinationKeyPrefix: 'assets/',
        sources: [Source.asset(assets)],
        cacheControl: [CacheControl.setPublic(), CacheControl.maxAge(Duration.days(365)), CacheControl.immutable()],
        // Content-hashed names: old builds' chunks stay for tabs that still run them.
        prune: false,
        logGroup,
      });
    }
    const site = new BucketDeployment(this, 'DeploySite', {
      destinationBucket: this.bucket,
      sources: [
        Source.asset(this.dist, { exclude: ['assets'] }),
        Source.jsonData('config.json', { auth: 'cognito', cognito: { domain: config.cognitoDomain, clientId: config.clientId } }),
      ],
      // Neither deployed nor pruned by this deployment: the hashed assets (the other one's).
      exclude: ['assets/*'],
      cacheControl: [CacheControl.noCache()],
      logGroup,
    });
    this.acknowledgeDeploymentHandler(site);
  }

  /**
   * BucketDeployment's handler is aws-cdk-lib's own singleton Lambda (Python with the AWS CLI),
   * whose role and runtime CDK sets. Each managed policy and wildcard it holds is acknowledged
   * by name, read from the role itself: the names depend on the stack's environment (an
   * account-agnostic synth says `<AWS::Region>`, `cdk synth` with a region says `us-east-1`),
   * and a wildcard on anything but the asset and site buckets fails the synth unacknowledged.
   */
  private acknowledgeDeploymentHandler(deployment: BucketDeployment): void {
    const stack = Stack.of(this);
    const role = deployment.handlerRole.node.defaultChild as CfnRole | undefined;
    const policy = deployment.handlerRole.node.tryFindChild('DefaultPolicy') as Policy | undefined;
    const handler = deployment.handlerRole.node.scope;
    if (!role || !policy || !handler) throw new Error('BucketDeployment\'s handler has no role, policy or function to acknowledge');
    const site = `<${stack.getLogicalId(this.bucket.node.defaultChild as CfnBucket)}.Arn>/*`;
    const syncs =
      'CDK\'s BucketDeployment handler copies the built portals from the CDK asset bucket into the site bucket and deletes what a new build dropped';

    const managedPolicies = (stack.resolve(role.managedPolicyArns) as unknown[] | undefined ?? []).map(nagReference);
    const statements = (stack.resolve(policy.document) as { Statement: { Resource: unknown }[] }).Statement;
    const wildcards = new Set(statements.flatMap((s) => [s.Resource].flat()).map(nagReference).filter((r) => r.includes('*')));
    const resourceReason = (resource: string): string => {
      if (resource === site) return `${syncs}: it writes and deletes objects of the site bucket, whose keys are the build's file names.`;
      if (/:s3:::cdk-[a-z0-9]+-assets-[^/]+\/\*$/.test(resource)) {
        return `${syncs}: it reads the zipped build from the CDK bootstrap asset bucket, whose object keys are content hashes known only at deploy time.`;
      }
      throw new Error(`BucketDeployment's handler holds an unexpected wildcard resource ${resource}`);
    };
    Validations.of(handler).acknowledge(
      {
        id: 'AwsSolutions-L1',
        reason:
          'The runtime of BucketDeployment\'s handler is chosen by aws-cdk-lib (it ships the handler and its AWS CLI layer together); it moves with aws-cdk-lib upgrades, not with our code.',
      },
      ...managedPolicies.map((arn) => {
        if (!arn.endsWith(':iam::aws:policy/service-role/AWSLambdaBasicExecutionRole')) {
          throw new Error(`BucketDeployment's handler has an unexpected managed policy ${arn}`);
        }
        return {
          id: `AwsSolutions-IAM4[Policy::${arn}]`,
          reason: `${syncs}; AWSLambdaBasicExecutionRole, which aws-cdk-lib attaches, only lets it write its own CloudWatch logs.`,
        };
      }),
      ...['s3:GetBucket*', 's3:GetObject*', 's3:List*'].map((action) => ({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: `${syncs}: aws-cdk-lib's read grant (${action}) on the CDK asset bucket and on the site bucket, no other bucket.`,
      })),
      ...['s3:Abort*', 's3:DeleteObject*'].map((action) => ({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: `${syncs}: aws-cdk-lib's write grant (${action}) on the site bucket only, which holds nothing but the deployed build.`,
      })),
      ...[...wildcards].map((resource) => ({ id: `AwsSolutions-IAM5[Resource::${resource}]`, reason: resourceReason(resource) })),
    );
  }
}

/**
 * A resolved CloudFormation value as cdk-nag names it in a finding (`Resource::…`, `Policy::…`):
 * joins flattened, `${X}` and references written `<X>`, attributes `<Id.Attribute>`.
 */
function nagReference(value: unknown): string {
  if (typeof value === 'string') return value.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (!value || typeof value !== 'object') return JSON.stringify(value);
  const fn = value as Record<string, unknown>;
  if (Array.isArray(fn['Fn::Join'])) {
    const [delimiter, items] = fn['Fn::Join'] as [string, unknown[]];
    return items.map(nagReference).join(delimiter);
  }
  if ('Fn::Sub' in fn) return nagReference(fn['Fn::Sub']);
  if (Array.isArray(fn['Fn::GetAtt'])) return `<${(fn['Fn::GetAtt'] as string[]).join('.')}>`;
  if (typeof fn.Ref === 'string') return `<${fn.Ref}>`;
  return JSON.stringify(value);
}

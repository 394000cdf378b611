import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CachePolicy, OriginRequestPolicy } from 'aws-cdk-lib/aws-cloudfront';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { REPOSITORY_ROOT } from '../../infra/platform.js';
import { routeList } from '../../shared/http/routes.js';
import { buildPlatform, removeStubSources } from './platform-fixture.js';

afterAll(removeStubSources);

const platform = buildPlatform('dev');
const stack = platform.stateless;
const assembly = platform.app.synth();
const template = Template.fromStack(stack);
type Json = ReturnType<Template['toJSON']>;
const resources: Record<string, { Type: string; Properties: Json; DependsOn?: string | string[] }> = template.toJSON().Resources;

const logicalId = (element: { node: { defaultChild?: unknown } }) => stack.getLogicalId(element.node.defaultChild as CfnElement);
const ids = {
  site: logicalId(stack.web.bucket),
  logs: logicalId(stack.web.logBucket),
  distribution: logicalId(stack.web.distribution),
  rewrite: logicalId(stack.web.spaRewrite),
  api: logicalId(stack.api),
  client: logicalId(stack.identity.client),
  domain: logicalId(stack.identity.domain),
};
const distributionConfig = resources[ids.distribution]!.Properties.DistributionConfig;
const originOf = (behavior: Json) =>
  (distributionConfig.Origins as Json[]).find((o) => o.Id === behavior.TargetOriginId)!;
const apiBehavior = () => (distributionConfig.CacheBehaviors as Json[]).find((b) => b.PathPattern === '/v1/*')!;
const PORTAL_URL = { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [ids.distribution, 'DomainName'] }]] };
const deployments = () => Object.values(resources).filter((r) => r.Type === 'Custom::CDKBucketDeployment').map((r) => r.Properties);

describe('the site bucket', () => {
  const bucket = () => resources[ids.site]!.Properties;
  const policy = () =>
    Object.values(resources).find((r) => r.Type === 'AWS::S3::BucketPolicy' && r.Properties.Bucket.Ref === ids.site)!.Properties
      .PolicyDocument.Statement as Json[];

  it('blocks all public access, is encrypted, owner-enforced, logs its access and is no website', () => {
    expect(bucket().PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
    });
    expect(bucket().BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    expect(bucket().OwnershipControls.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
    expect(bucket().LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: ids.logs }, LogFilePrefix: 's3/' });
    expect(bucket().WebsiteConfiguration).toBeUndefined();
  });

  it('refuses requests without TLS', () => {
    expect(policy()).toContainEqual(expect.objectContaining({
      Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    }));
  });

  it('lets only this distribution read it (Origin Access Control), besides dev\'s auto-delete on teardown', () => {
    const allows = policy().filter((s) => s.Effect === 'Allow');
    const cloudFront = allows.filter((s) => JSON.stringify(s.Principal) === JSON.stringify({ Service: 'cloudfront.amazonaws.com' }));
    expect(cloudFront).toEqual([expect.objectContaining({
      Action: 's3:GetObject',
      Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
    })]);
    expect(JSON.stringify(cloudFront[0]!.Condition)).toContain(ids.distribution);
    for (const statement of allows.filter((s) => !cloudFront.includes(s))) {
      expect(JSON.stringify(statement.Principal)).toContain('CustomS3AutoDeleteObjectsCustomResourceProviderRole');
    }
    expect(JSON.stringify(policy())).not.toMatch(/"AWS":"\*"[^}]*"Effect":"Allow"/);
  });

  it('is reached through OAC signing every request, not through a legacy origin access identity', () => {
    const origin = originOf(distributionConfig.DefaultCacheBehavior);
    expect(origin.DomainName).toEqual({ 'Fn::GetAtt': [ids.site, 'RegionalDomainName'] });
    expect(origin.S3OriginConfig.OriginAccessIdentity).toBe('');
    const oac = resources[origin.OriginAccessControlId['Fn::GetAtt'][0]]!;
    expect(oac.Type).toBe('AWS::CloudFront::OriginAccessControl');
    expect(oac.Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4',
    });
    expect(Object.values(resources).filter((r) => r.Type === 'AWS::CloudFront::CloudFrontOriginAccessIdentity')).toEqual([]);
  });
});

describe('the distribution', () => {
  it('forwards /v1/* to the HTTP API: nothing cached, every method, every viewer header but Host, HTTPS only', () => {
    const behavior = apiBehavior();
    expect(behavior).toMatchObject({
      CachePolicyId: CachePolicy.CACHING_DISABLED.cachePolicyId,
      OriginRequestPolicyId: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
      ViewerProtocolPolicy: 'https-only',
    });
    expect([...behavior.AllowedMethods].sort()).toEqual(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']);
    const origin = originOf(behavior);
    expect(origin.DomainName).toEqual({
      'Fn::Join': ['', [{ Ref: ids.api }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }]],
    });
    expect(origin.CustomOriginConfig).toEqual({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    expect(behavior.FunctionAssociations).toBeUndefined();
  });

  it('routes every API path through /v1/*', () => {
    for (const route of routeList) expect(route.path.startsWith('/v1/')).toBe(true);
  });

  it('serves the SPA from the bucket by default, client-side paths rewritten to /index.html, HTTP redirected to HTTPS', () => {
    const behavior = distributionConfig.DefaultCacheBehavior;
    expect(behavior).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      CachePolicyId: CachePolicy.CACHING_OPTIMIZED.cachePolicyId,
      AllowedMethods: ['GET', 'HEAD'],
      FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [ids.rewrite, 'FunctionARN'] } }],
    });
    expect(distributionConfig.DefaultRootObject).toBe('index.html');
  });

  it('leaves the API\'s 403s and 404s alone: no custom error responses', () => {
    expect(distributionConfig.CustomErrorResponses).toBeUndefined();
  });

  it('rewrites routes of the SPA and only those (the function\'s code, run here)', () => {
    const fn = resources[ids.rewrite]!.Properties;
    expect(fn.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    const handler = new Function(`${fn.FunctionCode as string}; return handler;`)() as (event: unknown) => { uri: string };
    const rewrite = (uri: string) => handler({ request: { uri, headers: {} } }).uri;
    for (const uri of ['/', '/signin', '/signin/callback', '/orders/01JABCDEFGHJKMNPQRSTVWXYZ0', '/track/AbC-_x9', '/hr/budget'])
      expect(rewrite(uri), uri).toBe('/index.html');
    for (const uri of ['/index.html', '/config.json', '/assets/index-3f2a9c.js', '/assets/index-3f2a9c.css', '/favicon.ico'])
      expect(rewrite(uri), uri).toBe(uri);
  });

  it('sends the portals\' security headers: the CSP of local/web.ts, HSTS, nosniff, frame deny', () => {
    const policyId = distributionConfig.DefaultCacheBehavior.ResponseHeadersPolicyId.Ref as string;
    const headers = resources[policyId]!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const localCsp = /'content-security-policy': "([^"]+)"/.exec(readFileSync(path.join(REPOSITORY_ROOT, 'local/web.ts'), 'utf8'))?.[1];
    expect(localCsp).toBeDefined();
    expect(headers.ContentSecurityPolicy).toEqual({ ContentSecurityPolicy: localCsp, Override: true });
    expect(headers.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 31536000, Override: true });
    expect(headers.ContentTypeOptions).toEqual({ Override: true });
    expect(headers.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
  });

  it('writes its access logs to the private log bucket, which expires them with the stage\'s log retention', () => {
    expect(distributionConfig.Logging).toEqual({ Bucket: { 'Fn::GetAtt': [ids.logs, 'RegionalDomainName'] }, Prefix: 'cloudfront/' });
    const logs = resources[ids.logs]!.Properties;
    expect(logs.PublicAccessBlockConfiguration.RestrictPublicBuckets).toBe(true);
    expect(logs.LifecycleConfiguration.Rules).toEqual([{ ExpirationInDays: 7, Status: 'Enabled' }]);
  });

  it('outputs the portal URL', () => {
    expect(template.toJSON().Outputs.PortalUrl.Value).toEqual(PORTAL_URL);
  });
});

describe('the deployed portals', () => {
  const site = () => deployments().find((d) => d.DestinationBucketKeyPrefix === undefined)!;
  const assets = () => deployments().find((d) => d.DestinationBucketKeyPrefix === 'assets/')!;

  it('deploys hashed assets for a year and keeps old ones; everything else revalidated on each request', () => {
    expect(deployments()).toHaveLength(2);
    for (const d of deployments()) expect(d.DestinationBucketName).toEqual({ Ref: ids.site });
    expect(assets()).toMatchObject({ Prune: false, SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' } });
    expect(site()).toMatchObject({ Prune: true, Exclude: ['assets/*'], SystemMetadata: { 'cache-control': 'no-cache' } });
  });

  it('deploys web/dist and a config.json that sends sign-in to the hosted UI with the portal app client', () => {
    const keys = site().SourceObjectKeys as string[];
    const staged = keys.map((key) => path.join(assembly.directory, `asset.${key.replace(/\.zip$/, '')}`));
    expect(readFileSync(path.join(staged[0]!, 'index.html'), 'utf8')).toContain('stub');
    const markers = site().SourceMarkers[1] as Record<string, { Ref: string }>;
    const raw = readFileSync(path.join(staged[1]!, 'config.json'), 'utf8');
    // The deployment replaces each marker with the value of its reference: show which one.
    const config = JSON.parse(raw.replace(/<<marker:0xbaba:\d+>>/g, (m) => `Ref(${markers[m]!.Ref})`)) as Json;
    expect(config).toEqual({
      auth: 'cognito',
      cognito: { domain: `Ref(${ids.domain}).auth.Ref(AWS::Region).amazoncognito.com`, clientId: `Ref(${ids.client})` },
    });
  });
});

describe('Cognito hosted UI', () => {
  it('has a domain prefix made of the stage and the account', () => {
    const domain = resources[ids.domain]!;
    expect(domain.Type).toBe('AWS::Cognito::UserPoolDomain');
    expect(domain.Properties).toEqual({
      Domain: { 'Fn::Join': ['', ['gifting-dev-', { Ref: 'AWS::AccountId' }]] },
      ManagedLoginVersion: 1,
      UserPoolId: { Ref: 'UserPool' },
    });
  });

  it('lets the portal client sign in by implicit grant and return only to the distribution', () => {
    const client = resources[ids.client]!.Properties;
    expect(client).toMatchObject({
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['implicit'],
      SupportedIdentityProviders: ['COGNITO'],
      GenerateSecret: false,
    });
    expect([...client.AllowedOAuthScopes].sort()).toEqual(['email', 'openid', 'profile']);
    const url = (suffix: string) => ({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [ids.distribution, 'DomainName'] }, suffix]] });
    expect(client.CallbackURLs).toEqual([url('/signin/callback')]);
    expect(client.LogoutURLs).toEqual([url('/signin')]);
  });
});

describe('PUBLIC_BASE_URL', () => {
  it('is the portal URL in every function', () => {
    for (const fn of stack.functions.values()) {
      const variables = resources[stack.getLogicalId(fn.function.node.defaultChild as CfnFunction)]!.Properties.Environment.Variables;
      expect(variables.PUBLIC_BASE_URL).toEqual(PORTAL_URL);
    }
  });

  it('is the stage\'s publicBaseUrl when it sets one', () => {
    const custom = buildPlatform('dev', {}, { adjust: (config) => ({ ...config, publicBaseUrl: 'https://gifts.example.com' }) }).stateless;
    const fn = custom.functions.values().next().value!;
    const variables = Template.fromStack(custom).toJSON().Resources[custom.getLogicalId(fn.function.node.defaultChild as CfnFunction)]
      .Properties.Environment.Variables;
    expect(variables.PUBLIC_BASE_URL).toBe('https://gifts.example.com');
  });
});

describe('deployment order', () => {
  /** Ref, Fn::GetAtt and DependsOn edges between the template's resources. */
  function edges(): Map<string, Set<string>> {
    const graph = new Map<string, Set<string>>();
    const visit = (from: string, value: unknown): void => {
      if (Array.isArray(value)) return value.forEach((v) => visit(from, v));
      if (!value || typeof value !== 'object') return;
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'Ref' && typeof inner === 'string' && resources[inner]) graph.get(from)!.add(inner);
        else if (key === 'Fn::GetAtt') graph.get(from)!.add(((Array.isArray(inner) ? inner[0] : String(inner).split('.')[0]) as string));
        else visit(from, inner);
      }
    };
    for (const [id, resource] of Object.entries(resources)) {
      graph.set(id, new Set([resource.DependsOn ?? []].flat()));
      visit(id, resource.Properties);
    }
    return graph;
  }

  it('has no dependency cycle between its resources (the synth\'s CloudFormation validation checks it too)', () => {
    const graph = edges();
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const walk = (id: string, trail: string[]): void => {
      if (state.get(id) === 'done') return;
      if (state.get(id) === 'visiting') return void cycles.push([...trail, id].join(' → '));
      state.set(id, 'visiting');
      for (const next of graph.get(id) ?? []) walk(next, [...trail, id]);
      state.set(id, 'done');
    };
    for (const id of graph.keys()) walk(id, []);
    expect(cycles).toEqual([]);
  });

  it('puts the distribution before the functions (their PUBLIC_BASE_URL) and after the API alone, not its routes', () => {
    const graph = edges();
    const reaches = (from: string, to: string, seen = new Set<string>()): boolean =>
      from === to || [...(graph.get(from) ?? [])].some((next) => !seen.has(next) && (seen.add(next), reaches(next, to, seen)));
    const someFunction = stack.getLogicalId(stack.functions.values().next().value!.function.node.defaultChild as CfnFunction);
    expect(reaches(someFunction, ids.distribution)).toBe(true);
    expect(reaches(ids.distribution, ids.api)).toBe(true);
    expect(reaches(ids.distribution, someFunction)).toBe(false);
    expect(reaches(ids.client, ids.distribution)).toBe(true);
  });
});

/**
 * Builds the platform the way infra/app.ts does (same createPlatform, same cdk.json context),
 * with two test-only differences:
 * - asset bundling is skipped (`aws:cdk:bundling-stacks: []`, honoured by NodejsFunction's
 *   asset staging), so no esbuild runs;
 * - the function entries come from a temporary source root holding a stub per entry of the
 *   route table: NodejsFunction checks that its entry file exists even when bundling is
 *   skipped, and the real handlers may not exist yet; likewise a stub build of the portals
 *   (web/dist), which the web distribution deploys.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, type Environment } from 'aws-cdk-lib';
import { createPlatform, REPOSITORY_ROOT, type Platform } from '../../infra/platform.js';
import { resolveStageConfig, type StageConfig, type StageName, type StageOverrides } from '../../infra/stage-config.js';
import { routeList, schedules, streamConsumers, workers } from '../../shared/http/routes.js';

const cdkJson = JSON.parse(readFileSync(path.join(REPOSITORY_ROOT, 'cdk.json'), 'utf8')) as {
  context: Record<string, unknown>;
};

let stubRoot: string | undefined;

function stubSourceRoot(): string {
  if (stubRoot) return stubRoot;
  const root = mkdtempSync(path.join(tmpdir(), 'gifting-infra-'));
  writeFileSync(path.join(root, 'package-lock.json'), '{}\n');
  for (const { entry } of [...routeList, ...workers, ...schedules, ...streamConsumers]) {
    mkdirSync(path.dirname(path.join(root, entry)), { recursive: true });
    writeFileSync(path.join(root, entry), 'export const handler = async () => ({});\n');
  }
  mkdirSync(path.join(root, 'web/dist/assets'), { recursive: true });
  writeFileSync(path.join(root, 'web/dist/index.html'), '<!doctype html><title>stub</title>\n');
  writeFileSync(path.join(root, 'web/dist/assets/index-stub.js'), 'export {};\n');
  stubRoot = root;
  return root;
}

/** Call from afterAll in each test file that synthesized. */
export function removeStubSources(): void {
  if (stubRoot) rmSync(stubRoot, { recursive: true, force: true });
  stubRoot = undefined;
}

export interface TestPlatform extends Platform {
  app: App;
}

export interface BuildOptions {
  /** Changes settings the command line cannot (e.g. a stage's publicBaseUrl). */
  adjust?: (config: StageConfig) => StageConfig;
  /** As infra/app.ts passes it when the CLI knows the account or region; default environment-agnostic. */
  env?: Environment;
}

export function buildPlatform(stage: StageName = 'dev', overrides: StageOverrides = {}, options: BuildOptions = {}): TestPlatform {
  const app = new App({
    context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] },
    analyticsReporting: false,
  });
  const config = (options.adjust ?? ((c: StageConfig) => c))(resolveStageConfig(stage, overrides));
  const platform = createPlatform(app, config, { sourceRoot: stubSourceRoot(), ...(options.env ? { env: options.env } : {}) });
  return { app, ...platform };
}

/**
 * `npm start`: the whole platform on this machine. DATA_DIR (default .data/) keeps the
 * database and the development issuer's keys across restarts; PORT (default 3000).
 */
import './log-level.js';
import { resolve } from 'node:path';
import { startLocalPlatform } from './platform.js';
import { demoUsersOf, seedDemo, type SeedResult } from './seed.js';

const dataDir = resolve(process.env.DATA_DIR ?? '.data');
const port = Number(process.env.PORT ?? 3000);

/** Filled once seeding is done; the sign-in page lists nobody before. */
const seeded: { result?: SeedResult } = {};
const platform = await startLocalPlatform({ dataDir, port, timers: true, demoUsers: (issuer) => demoUsersOf(issuer, seeded.result) }).catch((err: NodeJS.ErrnoException) => {
  if (err.code === 'EADDRINUSE') {
    console.error(`Port ${port} is in use. Start on another one: PORT=3001 npm start`);
    process.exit(1);
  }
  console.error((err as Error).message);
  process.exit(1);
});
const seed = await seedDemo();
seeded.result = seed;
const [firstEmployee] = seed.employees;
const [firstPartner] = seed.partners;
const tokens = {
  platform_admin: await platform.issuer.sign({ role: 'platform_admin', sub: 'demo-operator' }),
  hr_admin: await platform.issuer.sign({ role: 'hr_admin', sub: seed.hrSub, companyId: seed.companyId }),
  employee: await platform.issuer.sign({ role: 'employee', companyId: seed.companyId, employeeId: firstEmployee!.employeeId }),
  partner: await platform.issuer.sign({ role: 'partner', partnerId: firstPartner!.partnerId }),
};

console.log(`
Gifting platform, local (data in ${dataDir})
  Portals        ${platform.url}/   (sign in as a demo user: HR console, employee gift store, partner console)
  API            ${platform.url}/v1/health
  API reference  ${platform.url}/v1/docs
  OpenAPI        ${platform.url}/v1/openapi.json
  DynamoDB       ${platform.engine.endpoint}

Demo company ${seed.companyId}: ${seed.employees.length} employees with points, budget ${seed.budgetPoints} points, ${seed.products} products in the catalog, partners ${seed.partners.map((p) => p.partnerId).join(', ')}
  Stripe         ${platform.stripe ? `local stand-in at ${platform.stripe.url} (POST /v1/budget/top-ups returns its checkout page)` : 'api.stripe.com (STRIPE_SECRET_KEY)'}
  Emails         ${platform.url}/_local/mailbox   (what SES would send: points received, orders, shipping, expiry reminders)
  ShipEngine     ${process.env.SHIPENGINE_API_KEY ? 'api.shipengine.com (SHIPENGINE_API_KEY)' : 'off: tracking comes from partner events (POST /v1/partner/shipments/{id}/events)'}
  Expire points  npm run expire-points   (also runs every minute)
Tokens (12 h; more with: npm run token -- --role <role> [--company <id>] [--employee <id>] [--partner <id>]):
  platform_admin  ${tokens.platform_admin}
  hr_admin        ${tokens.hr_admin}
  employee        ${tokens.employee}   (${firstEmployee!.name})
  partner         ${tokens.partner}   (${firstPartner!.name})

Try: curl -H "Authorization: Bearer $HR_TOKEN" ${platform.url}/v1/budget
     curl -H "Authorization: Bearer $EMPLOYEE_TOKEN" ${platform.url}/v1/me
     curl -H "Authorization: Bearer $EMPLOYEE_TOKEN" "${platform.url}/v1/catalog?category=food-and-drink"
     curl -H "Authorization: Bearer $PARTNER_TOKEN" "${platform.url}/v1/partner/shipments?status=pending"
Press Ctrl-C to stop.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  await platform.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

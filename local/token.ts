/**
 * `npm run token -- --role <role> [--company <id>] [--employee <id>] [--partner <id>] [--sub <sub>] [--ttl <seconds>]`
 * prints a bearer token from the development issuer under DATA_DIR (the one `npm start` trusts).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { ROLES } from '../shared/http/routes.js';
import { devIssuer } from './auth/dev-issuer.js';

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    company: { type: 'string' },
    employee: { type: 'string' },
    partner: { type: 'string' },
    sub: { type: 'string' },
    ttl: { type: 'string' },
  },
});
const Args = z.object({
  role: z.enum(ROLES),
  company: z.string().optional(),
  employee: z.string().optional(),
  partner: z.string().optional(),
  sub: z.string().optional(),
  ttl: z.coerce.number().int().positive().optional(),
});
const parsed = Args.safeParse(values);
if (!parsed.success) {
  console.error(`usage: npm run token -- --role <${ROLES.join('|')}> [--company <id>] [--employee <id>] [--partner <id>] [--sub <sub>] [--ttl <seconds>]`);
  console.error(parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n'));
  process.exit(2);
}
const a = parsed.data;
const need = { hr_admin: ['company'], employee: ['company', 'employee'], partner: ['partner'], platform_admin: [] }[a.role];
const missing = need.filter((k) => !a[k as keyof typeof a]);
if (missing.length) {
  console.error(`--role ${a.role} needs ${missing.map((m) => `--${m}`).join(' and ')}`);
  process.exit(2);
}
const issuer = await devIssuer(resolve(process.env.DATA_DIR ?? '.data'));
console.log(await issuer.sign({
  role: a.role,
  ...(a.sub ? { sub: a.sub } : {}),
  ...(a.company ? { companyId: a.company } : {}),
  ...(a.employee ? { employeeId: a.employee } : {}),
  ...(a.partner ? { partnerId: a.partner } : {}),
  ...(a.ttl ? { ttlSeconds: a.ttl } : {}),
}));

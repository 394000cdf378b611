/** Routes: customer companies and fulfilment partners (the operator's). Part of the route table (../routes.ts). */
import { ListQuery, page } from '../../domain/common/schemas.js';
import { Company, CompanyPath, CreateCompanyBody } from '../../domain/companies/schemas.js';
import { CreatePartnerBody, Partner } from '../../domain/partners/schemas.js';
import { route, OPERATOR, type RouteDefinition } from './definition.js';

export const companyRoutes = {
  createCompany: route({
    id: 'createCompany', method: 'POST', path: '/v1/companies', entry: 'functions/http/create-company.ts', auth: OPERATOR,
    summary: 'Create a customer company', tag: 'Companies', body: CreateCompanyBody, status: 201, response: Company,
    access: { main: 'readwrite' },
  }),
  listCompanies: route({
    id: 'listCompanies', method: 'GET', path: '/v1/companies', entry: 'functions/http/list-companies.ts', auth: OPERATOR,
    summary: 'List companies', tag: 'Companies', query: ListQuery, status: 200, response: page(Company),
    access: { main: 'read' },
  }),
  getCompany: route({
    id: 'getCompany', method: 'GET', path: '/v1/companies/{companyId}', entry: 'functions/http/get-company.ts', auth: OPERATOR,
    summary: 'Get a company', tag: 'Companies', params: CompanyPath, status: 200, response: Company,
    access: { main: 'read' },
  }),
  createPartner: route({
    id: 'createPartner', method: 'POST', path: '/v1/partners', entry: 'functions/http/create-partner.ts', auth: OPERATOR,
    summary: 'Create a fulfilment partner', tag: 'Partners', body: CreatePartnerBody, status: 201, response: Partner,
    access: { main: 'readwrite' },
  }),
  listPartners: route({
    id: 'listPartners', method: 'GET', path: '/v1/partners', entry: 'functions/http/list-partners.ts', auth: OPERATOR,
    summary: 'List fulfilment partners', tag: 'Partners', query: ListQuery, status: 200, response: page(Partner),
    access: { main: 'read' },
  }),
} satisfies Record<string, RouteDefinition>;

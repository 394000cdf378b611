/** `/hr/employees`: the company's people by department and status, one by one or from a CSV file. */
import { useState } from 'react';
import { useI18n } from '../i18n';
import { ErrorMessage, Loading, Page, SelectField } from '../ui/components';
import type { Employee } from './api-types';
import { countryName } from './countries';
import { EmployeeForm } from './employee-form';
import { EmployeeImportForm } from './employee-import';
import { useEmployeeDirectory } from './employee-directory';
import { Pager, usePagedList } from './paged-list';

export function EmployeesPage() {
  const { t, locale } = useI18n();
  const [department, setDepartment] = useState('');
  const [status, setStatus] = useState('');
  const [changes, setChanges] = useState(0);
  const directory = useEmployeeDirectory(changes);
  const params = new URLSearchParams({ limit: '25' });
  if (department) params.set('department', department);
  if (status) params.set('status', status);
  const list = usePagedList<Employee>(`/v1/employees?${params}`);
  const changed = () => {
    setChanges((n) => n + 1);
    list.reload();
  };
  return (
    <Page title={t('hr.employeesTitle')}>
      <section aria-labelledby="employee-list-heading">
        <h2 id="employee-list-heading">{t('hr.employeeListHeading')}</h2>
        <div className="row" role="search" aria-label={t('hr.filters')} style={{ marginBottom: 12 }}>
          <SelectField label={t('hr.department')} value={department} onChange={(e) => setDepartment(e.target.value)}>
            <option value="">{t('hr.allDepartments')}</option>
            {directory.data?.departments.map((d) => <option key={d} value={d}>{d}</option>)}
          </SelectField>
          <SelectField label={t('hr.status')} value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('hr.anyStatus')}</option>
            <option value="active">{t('hr.active')}</option>
            <option value="inactive">{t('hr.inactive')}</option>
          </SelectField>
        </div>
        {list.error ? <ErrorMessage error={list.error} onRetry={list.reload} /> : !list.items ? <Loading /> : !list.items.length ? (
          <p className="muted">{department || status ? t('hr.noEmployeesMatch') : t('hr.noEmployees')}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t('hr.employeeListHeading')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('hr.name')}</th>
                  <th scope="col">{t('hr.email')}</th>
                  <th scope="col">{t('hr.department')}</th>
                  <th scope="col">{t('hr.country')}</th>
                  <th scope="col">{t('hr.status')}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((e) => (
                  <tr key={e.employeeId}>
                    <th scope="row"><bdi>{e.name}</bdi></th>
                    <td><bdi>{e.email}</bdi></td>
                    <td>{e.department ?? <span className="muted">{t('hr.none')}</span>}</td>
                    <td>{countryName(e.country, locale)}</td>
                    <td><span className={`badge ${e.status === 'active' ? 'badge-delivered' : ''}`}>{t(e.status === 'active' ? 'hr.active' : 'hr.inactive')}</span></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager list={list} label={t('hr.employeeListHeading')} />
      </section>
      <div className="grid" style={{ gridTemplateColumns: 'repeat(auto-fit, minmax(min(300px, 100%), 1fr))', alignItems: 'start', marginTop: 24 }}>
        <EmployeeForm departments={directory.data?.departments ?? []} onCreated={changed} />
        <EmployeeImportForm onFinished={changed} />
      </div>
    </Page>
  );
}

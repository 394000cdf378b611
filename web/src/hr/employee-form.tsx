import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import { Button, ErrorMessage, Field, Notice, SelectField, fieldErrors } from '../ui/components';
import type { Employee } from './api-types';
import { COUNTRIES, countryName } from './countries';

const EMPTY = { email: '', name: '', country: 'TR', department: '', hireDate: '', birthDate: '' };

/** Adds one employee; a 422 puts each message next to its field, a duplicate email says so. */
export function EmployeeForm({ departments, onCreated }: { departments: string[]; onCreated: () => void }) {
  const { t, locale } = useI18n();
  const [form, setForm] = useState(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [created, setCreated] = useState<Employee>();
  const set = (field: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: e.target.value }));
  const errors = fieldErrors(error);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    setCreated(undefined);
    try {
      const body = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== ''));
      const employee = await api<Employee>('/v1/employees', { method: 'POST', body });
      setCreated(employee);
      setForm(EMPTY);
      onCreated();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="add-employee-heading" noValidate>
      <h2 id="add-employee-heading" style={{ marginTop: 0 }}>{t('hr.addEmployeeHeading')}</h2>
      <Field label={t('hr.name')} name="name" required autoComplete="off" value={form.name} onChange={set('name')} error={errors.name} />
      <Field label={t('hr.email')} name="email" type="email" required autoComplete="off" value={form.email} onChange={set('email')} error={errors.email} />
      <SelectField label={t('hr.country')} name="country" value={form.country} onChange={set('country')}>
        {COUNTRIES.map((c) => <option key={c} value={c}>{countryName(c, locale)}</option>)}
      </SelectField>
      {errors.country ? <small className="field-error">{errors.country}</small> : null}
      <Field label={t('hr.department')} name="department" list="hr-departments" autoComplete="off" value={form.department} onChange={set('department')} error={errors.department} hint={t('hr.departmentHint')} />
      <datalist id="hr-departments">{departments.map((d) => <option key={d} value={d} />)}</datalist>
      <div className="row">
        <Field label={t('hr.hireDate')} name="hireDate" type="date" value={form.hireDate} onChange={set('hireDate')} error={errors.hireDate} />
        <Field label={t('hr.birthDate')} name="birthDate" type="date" value={form.birthDate} onChange={set('birthDate')} error={errors.birthDate} />
      </div>
      {error && !Object.keys(errors).length ? <ErrorMessage error={error} /> : null}
      {Object.keys(errors).length ? <div className="alert alert-error" role="alert">{t('hr.fixFields')}</div> : null}
      {created ? <Notice tone="success">{t('hr.employeeAdded', { name: created.name })}</Notice> : null}
      <div><Button type="submit" busy={busy}>{t('hr.addEmployee')}</Button></div>
    </form>
  );
}

/**
 * Allocating points: to one employee, a department or everyone, with a reason, an optional
 * message and expiry. The whole allocation is refused (409 insufficient-budget) when the budget
 * cannot cover every recipient; large ones are credited in the background (202, "processing").
 */
import { useRef, useState, type FormEvent } from 'react';
import { ApiError, api, newIdempotencyKey } from '../api';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { Button, ErrorMessage, Field, SelectField, fieldErrors } from '../ui/components';
import type { Allocation } from './api-types';
import type { EmployeeDirectory } from './employee-directory';
import { addDays, isoDay } from './format';

type Target = 'employee' | 'department' | 'all';

const SHOWN_NEXT_TO_FIELDS = ['points', 'reason', 'message', 'expiresAt', 'employeeIds', 'department', 'recipients'];

interface Props {
  directory: EmployeeDirectory | undefined;
  balance: number | undefined;
  onAllocated: (allocation: Allocation) => void;
}

export function AllocationForm({ directory, balance, onAllocated }: Props) {
  const { t, points, number } = useI18n();
  const [target, setTarget] = useState<Target>('department');
  const [search, setSearch] = useState('');
  const [employeeId, setEmployeeId] = useState('');
  const [department, setDepartment] = useState('');
  const [pointsEach, setPointsEach] = useState('');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState('');
  const [expiry, setExpiry] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  // A key per intent: any change to the form is a new intent; a retry of the same one reuses it.
  const key = useRef<string | null>(null);
  const edit = <T,>(setter: (v: T) => void) => (v: T) => {
    key.current = null;
    setter(v);
  };

  const active = directory?.employees.filter((e) => e.status === 'active') ?? [];
  const matches = active.filter((e) => !search || `${e.name} ${e.email}`.toLocaleLowerCase().includes(search.toLocaleLowerCase()));
  const recipients = target === 'all' ? active.length : target === 'department' ? active.filter((e) => e.department === (department || directory?.departments[0])).length : employeeId ? 1 : 0;
  const estimate = recipients * (Number(pointsEach) || 0);
  const chosenDepartment = department || directory?.departments[0] || '';
  const errors = fieldErrors(error);
  // Field errors the form cannot put next to a field are shown in full in the alert instead.
  const placed = Object.keys(errors).every((k) => SHOWN_NEXT_TO_FIELDS.includes(k));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const recipientsBody = target === 'all' ? { all: true } : target === 'department' ? { department: chosenDepartment } : { employeeIds: [employeeId] };
    const body = {
      points: Number(pointsEach),
      reason: reason.trim(),
      ...(message.trim() ? { message: message.trim() } : {}),
      // The picked day's end, in the HR admin's own time zone.
      ...(expiry ? { expiresAt: new Date(`${expiry}T23:59:59`).toISOString() } : {}),
      recipients: recipientsBody,
    };
    key.current ??= newIdempotencyKey();
    setBusy(true);
    setError(undefined);
    try {
      const allocation = await api<Allocation>('/v1/allocations', { method: 'POST', body, idempotencyKey: key.current });
      key.current = null;
      setPointsEach('');
      setReason('');
      setMessage('');
      setExpiry('');
      onAllocated(allocation);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const short = error instanceof ApiError && error.slug === 'insufficient-budget';
  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="allocate-heading" noValidate>
      <h2 id="allocate-heading" style={{ marginTop: 0 }}>{t('hr.allocateHeading')}</h2>
      <fieldset className="stack" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend>{t('hr.recipients')}</legend>
        <div className="row" style={{ alignItems: 'center' }}>
          {(['employee', 'department', 'all'] as const).map((option) => (
            <label key={option} style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
              <input type="radio" name="target" value={option} checked={target === option} onChange={() => edit(setTarget)(option)} />
              {t(option === 'employee' ? 'hr.toOneEmployee' : option === 'department' ? 'hr.toDepartment' : 'hr.toEveryone')}
            </label>
          ))}
        </div>
        {target === 'employee' ? (
          <div className="row">
            <Field label={t('hr.searchEmployees')} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
            <SelectField label={t('hr.employee')} required value={employeeId} onChange={(e) => edit(setEmployeeId)(e.target.value)}>
              <option value="">{t('hr.pickEmployee', { n: number(matches.length) })}</option>
              {matches.map((e) => <option key={e.employeeId} value={e.employeeId}>{e.name}{e.department ? ` · ${e.department}` : ''}</option>)}
            </SelectField>
          </div>
        ) : target === 'department' && directory && !directory.departments.length ? (
          <p className="muted">{t('hr.noDepartments')}</p>
        ) : target === 'department' ? (
          <SelectField label={t('hr.department')} required value={chosenDepartment} onChange={(e) => edit(setDepartment)(e.target.value)}>
            {directory?.departments.map((d) => <option key={d} value={d}>{d}</option>)}
          </SelectField>
        ) : null}
        {errors.employeeIds || errors.department || errors.recipients ? (
          <small className="field-error">{errors.employeeIds ?? errors.department ?? errors.recipients}</small>
        ) : null}
      </fieldset>
      <div className="row" style={{ alignItems: 'start' }}>
        <Field label={t('hr.pointsEach')} type="number" inputMode="numeric" min={1} step={1} required value={pointsEach}
          onChange={(e) => edit(setPointsEach)(e.target.value)} error={errors.points} />
        <Field label={t('hr.expiresOn')} type="date" min={addDays(isoDay(new Date()), 1)} value={expiry}
          onChange={(e) => edit(setExpiry)(e.target.value)} error={errors.expiresAt} hint={t('hr.expiresHint')} />
      </div>
      <Field label={t('hr.reason')} required maxLength={200} value={reason} onChange={(e) => edit(setReason)(e.target.value)} error={errors.reason} hint={t('hr.reasonHint')} />
      <div className="field">
        <label htmlFor="allocation-message">{t('hr.message')}</label>
        <textarea id="allocation-message" rows={3} maxLength={2000} value={message} onChange={(e) => edit(setMessage)(e.target.value)}
          aria-invalid={errors.message ? true : undefined} aria-describedby={errors.message ? 'allocation-message-error' : undefined} />
        {errors.message ? <small id="allocation-message-error" className="field-error">{errors.message}</small> : null}
      </div>
      {recipients && estimate ? (
        <p className={balance !== undefined && estimate > balance ? 'field-error' : 'muted'} aria-live="polite">
          {t('hr.estimate', { recipients: number(recipients), points: points(estimate) })}
          {balance !== undefined ? ` ${t('hr.ofBalance', { points: points(balance) })}` : ''}
        </p>
      ) : null}
      {short ? (
        <div className="alert alert-error" role="alert">
          <strong>{t('hr.insufficientBudget')}</strong>
          <p>{(error as ApiError).problem.detail}</p>
          <Link to="/hr/budget">{t('hr.topUpLink')}</Link>
        </div>
      ) : error && (!Object.keys(errors).length || !placed) ? <ErrorMessage error={error} /> : Object.keys(errors).length ? (
        <div className="alert alert-error" role="alert">{t('hr.fixFields')}</div>
      ) : null}
      <div><Button type="submit" busy={busy}>{t('hr.allocateSubmit')}</Button></div>
    </form>
  );
}

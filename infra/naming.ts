/** `create-company`, `hr_admin`, `createCompany` → `CreateCompany`, `HrAdmin`: construct ids from route and role names. */
export function pascalCase(value: string): string {
  return value.replace(/(^|[_-])([a-zA-Z0-9])/g, (_match, _separator, char: string) => char.toUpperCase());
}

import { defineMessages } from './define';

/** Messages of the employee pages. */
export const employee = defineMessages({
  en: {
    title: 'employee',
  },
  tr: {
    title: 'employee',
  },
  fa: {
    title: 'employee',
  },
});

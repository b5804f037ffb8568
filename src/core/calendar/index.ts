/** The working-day calendar and the date helpers every timescale is computed with. */
export * from './dates.js';
export * from './datetimes.js';
export {
  type BankHoliday,
  bankHolidaysIn,
  computeBankHolidays,
  easterSunday,
  tabledBankHolidays,
  TABLE_FIRST_YEAR,
  TABLE_LAST_YEAR,
} from './bank-holidays.js';
export {
  type CountOptions,
  type WorkingDayCalendar,
  type WorkingDayCalendarOptions,
  createWorkingDayCalendar,
} from './working-day-calendar.js';

/** Days in a month of the Gregorian calendar (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

const LEADING_DATE = /^\s*([+-]?\d{4,6})-(\d{2})-(\d{2})/

/**
 * False when a text starts with a year-month-day that is no day of the calendar (2024-02-30, 2024-13-01). The JS
 * Date parser rolls such a day into the next month instead of refusing it.
 */
export function startsWithRealDay(text: string): boolean {
  const m = LEADING_DATE.exec(text)
  if (m === null) return true
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

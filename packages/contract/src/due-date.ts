// No zod here: the web app's first page imports this without the schemas.

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A due date of the `YYYY-MM-DD` form: an all-day task (docs/api.md, Tasks). */
export function isAllDay(dueDate: string): boolean {
  return CALENDAR_DATE.test(dueDate);
}

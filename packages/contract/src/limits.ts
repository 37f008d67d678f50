// No zod here: the web app's forms show these limits without loading the schemas.

/** Unicode code points. */
export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 1000;
export const TAG_MAX = 32;
/** Distinct tags per task. */
export const TAGS_MAX = 10;
/** Reminders per task. */
export const REMINDERS_MAX = 5;
/** How long before the due date a reminder may fire, in minutes: four weeks. */
export const REMINDER_BEFORE_MAX = 40_320;

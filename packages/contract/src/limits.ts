// No zod here: the web app's forms show these limits without loading the schemas.

/** Unicode code points. */
export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 1000;
export const TAG_MAX = 32;
/** Distinct tags per task. */
export const TAGS_MAX = 10;

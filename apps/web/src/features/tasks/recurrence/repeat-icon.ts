// Its own module so that a task's row shows the icon without loading the repeat field.
/** Two arrows chasing each other: the task's repeat, in the repeat field and on its row. */
export const REPEAT_ICON =
  "M17 2l4 4-4 4M3 11V9a3 3 0 0 1 3-3h15M7 22l-4-4 4-4M21 13v2a3 3 0 0 1-3 3H3";

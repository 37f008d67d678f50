import type { Locator, Page } from "@playwright/test";
import { dueLabel } from "../src/lib/due-label";
import { expect, saveScreenshot, test } from "./fixtures";
import { seriousViolations } from "./support/axe";
import { apiSession, createThroughApi, openTasks, readThroughApi, taskItem } from "./support/tasks";

test.use({ locale: "en-US", timezoneId: "Europe/Paris" });

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD`, `days` after `date`. */
function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** A Monday two to three weeks ahead: far enough that no occurrence is in the past. */
function mondayAhead(): string {
  const start = new Date(Date.now() + 14 * DAY_MS).toISOString().slice(0, 10);
  const weekday = new Date(`${start}T00:00:00Z`).getUTCDay();
  return addDays(start, (8 - weekday) % 7);
}

/** How the picker's preview and the row name an all-day date (en-US, as the browser here). */
const previewDate = (date: string) =>
  new Intl.DateTimeFormat("en-US", {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${date}T00:00:00Z`));
const rowLabel = (date: string) =>
  dueLabel(date, { timeZone: "Europe/Paris", locale: "en-US" }).text;

async function openDetails(form: Locator, due: string) {
  await form.getByRole("button", { name: "More options" }).click();
  await form.getByLabel("Due date").fill(due);
}

test("every 2 weeks on Mon and Thu with reminders: summary, five dates, saved; completing moves it on and Undo brings it back", async ({
  page,
  user: _signedIn,
}) => {
  const monday = mondayAhead();
  await openTasks(page);
  const form = page.getByRole("form", { name: "Add a task" });
  await form.getByLabel("New task").fill("Water the plants");
  await form.getByRole("button", { name: "More options" }).click();

  // Without a due date, neither a repeat nor reminders can be set, and the form says why.
  await expect(form.getByRole("button", { name: /^Repeat:/ })).toBeDisabled();
  await expect(form.getByText("Add a due date to repeat this task.")).toBeVisible();
  await expect(form.getByRole("checkbox", { name: "10 min before" })).toBeDisabled();

  await form.getByLabel("Due date").fill(monday);
  await form.getByRole("button", { name: "Repeat: Does not repeat" }).click();
  await form.getByLabel("Repeats").selectOption({ label: "Custom…" });
  await form.getByLabel("Every", { exact: true }).fill("2");
  await form.getByLabel("Unit").selectOption({ label: "weeks" });
  // The due date's Monday is on already; Thursday is added.
  await expect(form.getByRole("button", { name: "Monday" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await form.getByRole("button", { name: "Thursday" }).click();

  const summary = form.getByTestId("recurrence-summary");
  await expect(summary).toContainText("Every 2 weeks on Mon and Thu");
  await expect(summary.getByRole("listitem")).toHaveText(
    [0, 3, 14, 17, 28].map((days) => previewDate(addDays(monday, days))),
  );
  await expect(form.getByRole("button", { name: /^Repeat:/ })).toHaveAccessibleName(
    "Repeat: Every 2 weeks on Mon and Thu",
  );

  await form.getByRole("checkbox", { name: "10 min before" }).check();
  await form.getByRole("checkbox", { name: "1 day before" }).check();
  await form.getByRole("button", { name: "Add", exact: true }).click();

  const item = taskItem(page, "Water the plants");
  await expect(
    item.getByRole("img", { name: "Repeats: Every 2 weeks on Mon and Thu" }),
  ).toBeVisible();
  await expect(
    item.getByRole("img", { name: "Reminders: 1 day before, 10 minutes before" }),
  ).toBeVisible();
  const session = await apiSession(page.request);
  const id = Number(await item.getAttribute("data-task-id"));
  const saved = await readThroughApi(session, id);
  expect(saved).toMatchObject({
    due_date: monday,
    recurrence: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
    recurrence_from: "due",
  });
  expect(saved.reminders.map((r) => r.before_minutes).sort((a, b) => a - b)).toEqual([10, 1440]);

  // After a reload, the edit dialog shows the saved reminders and repeat.
  await page.reload();
  await item.getByRole("button", { name: "Edit “Water the plants”" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit task" });
  await expect(dialog.getByRole("checkbox", { name: "10 min before" })).toBeChecked();
  await expect(dialog.getByRole("checkbox", { name: "1 day before" })).toBeChecked();
  await expect(dialog.getByRole("checkbox", { name: "At the time" })).not.toBeChecked();
  await expect(dialog.getByRole("button", { name: /^Repeat:/ })).toHaveAccessibleName(
    "Repeat: Every 2 weeks on Mon and Thu",
  );
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // Completing it: it stays open, at Thursday, and the toast names that date.
  const thursday = addDays(monday, 3);
  await item.getByRole("checkbox").check();
  const toast = page.getByText(`Next: ${rowLabel(thursday)}`);
  await expect(toast).toBeVisible();
  await expect(item.locator("time")).toHaveAttribute("datetime", thursday);
  await expect(item.locator("time")).toHaveText(`Due ${rowLabel(thursday)}`);
  await expect(item.getByRole("checkbox")).not.toBeChecked();
  expect((await readThroughApi(session, id)).due_date).toBe(thursday);

  await page.getByRole("button", { name: "Undo" }).click();
  await expect(item.locator("time")).toHaveAttribute("datetime", monday);
  await expect.poll(async () => (await readThroughApi(session, id)).due_date).toBe(monday);

  // The `x` shortcut completes it too; COUNT counts down, and Undo restores it as it was.
  const counted = await createThroughApi(session, {
    title: "Three more times",
    due_date: monday,
    recurrence: "FREQ=DAILY;COUNT=3",
  });
  await page.reload();
  const countedItem = taskItem(page, "Three more times");
  // Shortcuts work once the board does (ADR 0051): its checkboxes are enabled then.
  await expect(countedItem.getByRole("checkbox")).toBeEnabled();
  await countedItem.focus();
  await page.keyboard.press("x");
  const tuesday = addDays(monday, 1);
  await expect(page.getByText(`Next: ${rowLabel(tuesday)}`)).toBeVisible();
  await expect(countedItem.locator("time")).toHaveAttribute("datetime", tuesday);
  expect((await readThroughApi(session, counted.id)).recurrence).toBe("FREQ=DAILY;COUNT=2");
  await page.getByRole("button", { name: "Undo" }).click();
  await expect
    .poll(async () => readThroughApi(session, counted.id))
    .toMatchObject({ due_date: monday, recurrence: "FREQ=DAILY;COUNT=3", completed: false });
});

test("a rule the picker cannot express is shown as a custom rule and kept; removing the due date says the repeat goes", async ({
  page,
  user: _signedIn,
}) => {
  const monday = mondayAhead();
  const session = await apiSession(page.request);
  const task = await createThroughApi(session, {
    title: "Pay the bills",
    due_date: monday,
    recurrence: "FREQ=MONTHLY;BYMONTHDAY=1,15",
    reminders: [{ before_minutes: 120 }],
  });
  await openTasks(page);
  const item = taskItem(page, "Pay the bills");
  await item.getByRole("button", { name: "Edit “Pay the bills”" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit task" });
  await dialog.getByRole("button", { name: "Repeat: Monthly on the 1st and 15th" }).click();
  await expect(dialog.getByLabel("Repeats")).toHaveValue("rule");
  await expect(dialog.getByLabel("Repeats").locator("option:checked")).toHaveText("Custom rule");
  await expect(dialog.getByTestId("recurrence-summary").getByRole("listitem")).toHaveCount(5);
  // A custom reminder shows as a chip; a title edit leaves rule and reminders alone.
  await expect(
    dialog.getByRole("button", { name: "Remove the reminder 2 hours before" }),
  ).toBeVisible();
  await dialog.getByLabel("Title").fill("Pay the bills on time");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  expect(await readThroughApi(session, task.id)).toMatchObject({
    title: "Pay the bills on time",
    recurrence: "FREQ=MONTHLY;BYMONTHDAY=1,15",
    reminders: [{ before_minutes: 120 }],
  });

  // Clearing the due date: the form says the repeat and reminders go, and saving drops them.
  await taskItem(page, "Pay the bills on time")
    .getByRole("button", { name: "Edit “Pay the bills on time”" })
    .click();
  await dialog.getByLabel("Due date").fill("");
  await expect(dialog.getByText(/Without a due date the task will not repeat/)).toBeVisible();
  await expect(dialog.getByText(/saving now drops the reminders/)).toBeVisible();
  // Setting the date again brings both back.
  await dialog.getByLabel("Due date").fill(monday);
  await expect(
    dialog.getByRole("button", { name: /^Repeat: Monthly on the 1st and 15th/ }),
  ).toBeEnabled();
  await dialog.getByLabel("Due date").fill("");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  expect(await readThroughApi(session, task.id)).toMatchObject({
    due_date: null,
    recurrence: null,
    reminders: [],
  });
});

test("the picker works from the keyboard alone", async ({ page, user: _signedIn }) => {
  const monday = mondayAhead();
  await openTasks(page);
  const form = page.getByRole("form", { name: "Add a task" });
  await form.getByLabel("New task").fill("Stand-up notes");
  await openDetails(form, monday);
  const repeat = form.getByRole("button", { name: /^Repeat:/ });
  await repeat.focus();
  await page.keyboard.press("Enter");
  await expect(repeat).toHaveAttribute("aria-expanded", "true");
  await pressUntilFocused(page, "Tab", form.getByLabel("Repeats"));
  // Does not repeat → Every day → Every weekday → Weekly.
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowDown");
  await expect(form.getByLabel("Repeats")).toHaveValue("weekly");
  await pressUntilFocused(page, "Tab", form.getByRole("button", { name: "Wednesday" }));
  await page.keyboard.press("Space");
  await expect(form.getByRole("button", { name: "Wednesday" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await pressUntilFocused(page, "Tab", form.getByRole("radio", { name: "Never" }));
  await page.keyboard.press("ArrowDown");
  await expect(form.getByRole("radio", { name: "After" })).toBeChecked();
  await expect(form.getByTestId("recurrence-summary")).toContainText(
    "Weekly on Mon and Wed, 5 times",
  );
  await page.keyboard.press("Tab");
  await expect(form.getByLabel("Number of occurrences")).toBeFocused();
  await page.keyboard.press("Control+a");
  await page.keyboard.type("8");
  await expect(form.getByTestId("recurrence-summary")).toContainText(
    "Weekly on Mon and Wed, 8 times",
  );
  await form.getByLabel("New task").focus();
  await page.keyboard.press("Enter");
  await expect(taskItem(page, "Stand-up notes")).toBeVisible();
  const session = await apiSession(page.request);
  const id = Number(await taskItem(page, "Stand-up notes").getAttribute("data-task-id"));
  expect((await readThroughApi(session, id)).recurrence).toBe("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=8");
});

test("custom reminders from the keyboard: the focus comes back to Custom…, then to the fifth reminder added", async ({
  page,
  user: _signedIn,
}) => {
  await openTasks(page);
  const form = page.getByRole("form", { name: "Add a task" });
  await form.getByLabel("New task").fill("Renew the lease");
  await openDetails(form, mondayAhead());
  const custom = form.getByRole("button", { name: "Custom…" });
  const amount = form.getByLabel("Custom reminder: how long before");

  await custom.click();
  await expect(amount).toBeFocused();
  // Not the edit dialog's Cancel, which drops the whole edit.
  await form.getByRole("button", { name: "Cancel the custom reminder" }).press("Enter");
  await expect(custom).toBeFocused();

  for (const [index, hours] of ["2", "3", "4", "5"].entries()) {
    await page.keyboard.press("Enter");
    await expect(amount).toBeFocused();
    await page.keyboard.type(hours);
    await page.keyboard.press("Enter");
    await expect(form.getByText(`${index + 1} of 5`)).toBeVisible();
    await expect(custom).toBeFocused();
  }
  await page.keyboard.press("Enter");
  await page.keyboard.type("6");
  await page.keyboard.press("Enter");
  // Five set: "Custom…" is disabled, so the focus goes to the reminder just added.
  await expect(custom).toBeDisabled();
  await expect(
    form.getByRole("button", { name: "Remove the reminder 6 hours before" }),
  ).toBeFocused();
});

async function pressUntilFocused(page: Page, key: string, target: Locator, maxPresses = 40) {
  for (let presses = 0; presses < maxPresses; presses++) {
    await page.keyboard.press(key);
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`${key} never reached ${target}`);
}

const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "mobile", width: 360, height: 740 },
] as const;

test("the add form with the picker open and the edit dialog: no serious or critical axe violation, light and dark, desktop and 360 px", async ({
  page,
  user: _signedIn,
}, testInfo) => {
  const monday = mondayAhead();
  const session = await apiSession(page.request);
  await createThroughApi(session, {
    title: "Recurring already",
    due_date: monday,
    recurrence: "FREQ=MONTHLY;BYDAY=-1FR;COUNT=4",
    reminders: [{ before_minutes: 10 }, { before_minutes: 90 }],
  });
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      await openTasks(page);
      const form = page.getByRole("form", { name: "Add a task" });
      await form.getByLabel("New task").fill("Check the picker");
      await openDetails(form, monday);
      await form.getByRole("button", { name: /^Repeat:/ }).click();
      await form.getByLabel("Repeats").selectOption("weekly");
      await form.getByRole("checkbox", { name: "1 hour before" }).check();
      await form.getByRole("button", { name: "Custom…" }).click();
      await expect(form.getByTestId("recurrence-summary").getByRole("listitem")).toHaveCount(5);
      expect(await seriousViolations(page), `add form, ${scheme}, ${viewport.name}`).toEqual([]);
      await saveScreenshot(page, testInfo, `recurrence-add-${viewport.name}-${scheme}`);

      await taskItem(page, "Recurring already")
        .getByRole("button", { name: "Edit “Recurring already”" })
        .click();
      const dialog = page.getByRole("dialog", { name: "Edit task" });
      await dialog.getByRole("button", { name: /^Repeat:/ }).click();
      await expect(dialog.getByTestId("recurrence-summary")).toContainText(
        "Monthly on the last Friday, 4 times",
      );
      expect(await seriousViolations(page), `edit dialog, ${scheme}, ${viewport.name}`).toEqual([]);
      await saveScreenshot(page, testInfo, `recurrence-edit-${viewport.name}-${scheme}`);
      await dialog.getByRole("button", { name: "Cancel" }).click();
    }
  }
});

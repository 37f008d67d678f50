import type { Task } from "@todo/contract/task";
import { expect, test } from "./fixtures";
import { apiSession, openTasks, readThroughApi, taskItem, tasksUrl } from "./support/tasks";

// A browser in New York writing US dates, so what is typed and where it is meant are known.
test.use({ locale: "en-US", timezoneId: "America/New_York" });

test("a date typed without a time is saved as an all-day date in the browser's time zone", async ({
  page,
  user: _signedIn,
}) => {
  await openTasks(page);
  const form = page.getByRole("form", { name: "Add a task" });
  await form.getByLabel("New task").fill("Wrap the presents");
  await form.getByRole("button", { name: "More options" }).click();
  // Typed as a user would, into the date field's month, day and year; the time is left empty.
  await form.getByLabel("Due date").focus();
  await page.keyboard.type("12/24/2026");
  await form.getByRole("button", { name: "Add", exact: true }).click();

  const item = taskItem(page, "Wrap the presents");
  await expect(item.locator("time")).toHaveAttribute("datetime", "2026-12-24");
  // Labelled relative to today (Tomorrow, Friday, Dec 24…), with the full date as its tooltip.
  await expect(item.locator("time")).toHaveAttribute("title", "Dec 24, 2026");
  await expect(item.locator("time")).toHaveText(/^Due \S/);
  await expect(item).not.toContainText(/\d:\d\d/);

  const session = await apiSession(page.request);
  const response = await page.request.get(tasksUrl(session), {
    headers: { Authorization: `Bearer ${session.token}` },
  });
  const [task] = ((await response.json()) as { items: Task[] }).items;
  expect(task).toMatchObject({
    title: "Wrap the presents",
    due_date: "2026-12-24",
    time_zone: "America/New_York",
  });

  // Editing shows the date with no time, and keeps it all-day.
  await item.getByRole("button", { name: "Edit “Wrap the presents”" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit task" });
  await expect(dialog.getByLabel("Due date")).toHaveValue("2026-12-24");
  await expect(dialog.getByLabel("Due time")).toHaveValue("");
  await dialog.getByLabel("Title").fill("Wrap all the presents");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  expect(await readThroughApi(session, task?.id ?? 0)).toMatchObject({
    title: "Wrap all the presents",
    due_date: "2026-12-24",
    time_zone: "America/New_York",
  });

  // A time added makes it a moment in the browser's zone: 18:00 in New York is 23:00 UTC.
  await page.getByRole("button", { name: "Edit “Wrap all the presents”" }).click();
  await dialog.getByLabel("Due time").fill("18:00");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  expect(await readThroughApi(session, task?.id ?? 0)).toMatchObject({
    due_date: "2026-12-24T23:00:00.000Z",
  });
});

test("a date or time typed halfway is refused on the form, not dropped", async ({
  page,
  user: _signedIn,
}) => {
  await openTasks(page);
  const form = page.getByRole("form", { name: "Add a task" });
  await form.getByLabel("New task").fill("Half a date");
  await form.getByRole("button", { name: "More options" }).click();
  await form.getByLabel("Due date").focus();
  await page.keyboard.type("12/24");
  await form.getByRole("button", { name: "Add", exact: true }).click();
  await expect(form.getByText("Finish the date and time, or clear them")).toBeVisible();
  await expect(form.getByLabel("Due date")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("New task")).toHaveValue("Half a date");

  // A time with no date is refused too, with what to do about it.
  await form.getByLabel("Due date").fill("");
  await form.getByLabel("Due time").fill("09:30");
  await form.getByRole("button", { name: "Add", exact: true }).click();
  await expect(form.getByText("Add a date for this time, or clear the time")).toBeVisible();
  await expect(page.getByTestId("task-item")).toHaveCount(0);
});

import { expect, test } from "./fixtures";
import { apiSession, openTasks, readThroughApi, taskItem } from "./support/tasks";

// A browser in Paris, so "tomorrow 9am" names a known moment.
test.use({ locale: "en-US", timezoneId: "Europe/Paris" });

test("quick add reads a date, time, tags and priority, shows what it understood, and creates the task", async ({
  page,
  user: _signedIn,
}) => {
  await openTasks(page);
  const form = page.getByRole("form", { name: "Add a task" });
  const input = form.getByLabel("New task");
  const preview = form.getByTestId("quick-add-preview");

  // The full syntax: everything is understood and shown in words, each part marked in the input.
  await input.fill("Pay rent tomorrow 9am every month #home !high @Bills remind 1h");
  await expect(preview).toContainText("Due: Tomorrow, 9:00 AM");
  await expect(preview).toContainText("Repeats: Monthly");
  await expect(preview).toContainText("Tags: #home");
  await expect(preview).toContainText("Priority: High");
  await expect(preview).toContainText("List: Bills (no list of that name: goes to the Inbox)");
  await expect(preview).toContainText("Reminder: 1 hour before");
  await expect(input).toHaveAttribute(
    "aria-describedby",
    new RegExp(`\\b${await preview.getAttribute("id")}\\b`),
  );
  const marked = await form
    .locator("[data-part]")
    .evaluateAll((spans) =>
      spans.map((span) => [span.getAttribute("data-part"), span.getAttribute("data-text")]),
    );
  expect(marked).toEqual([
    ["date", "tomorrow 9am"],
    ["recurrence", "every month"],
    ["tag", "#home"],
    ["priority", "!high"],
    ["list", "@Bills"],
    ["reminder", "remind 1h"],
  ]);

  // What the API accepts today: title, a date with a time, the zone, priority and tags.
  await input.fill("Pay rent tomorrow 9am #home !high");
  await form.getByRole("button", { name: "Add", exact: true }).click();
  const rent = taskItem(page, "Pay rent");
  await expect(rent).toContainText("Tomorrow, 9:00 AM");
  await expect(rent).toContainText("High priority");
  await expect(rent.getByRole("button", { name: /tag #home/ })).toBeVisible();
  await expect(input).toHaveValue("");
  await expect(preview).toBeHidden();

  const session = await apiSession(page.request);
  const id = Number(await rent.getAttribute("data-task-id"));
  const expectedDue = await page.evaluate(() => {
    const due = new Date();
    due.setDate(due.getDate() + 1);
    due.setHours(9, 0, 0, 0);
    return due.toISOString();
  });
  expect(await readThroughApi(session, id)).toMatchObject({
    title: "Pay rent",
    priority: "high",
    tags: ["home"],
    due_date: expectedDue,
    time_zone: "Europe/Paris",
  });

  // A date alone is all-day; a backslash keeps a character out of the syntax.
  await input.fill("Renew passport \\#2 2027-03-01 #admin");
  await expect(preview).toContainText("Tags: #admin");
  await form.getByRole("button", { name: "Add", exact: true }).click();
  const passport = taskItem(page, "Renew passport #2");
  await expect(passport).toBeVisible();
  expect(
    await readThroughApi(session, Number(await passport.getAttribute("data-task-id"))),
  ).toMatchObject({
    title: "Renew passport #2",
    due_date: "2027-03-01",
    time_zone: "Europe/Paris",
    tags: ["admin"],
  });

  // An unknown list is not guessed: the task is created without one.
  await input.fill("Pay electricity @Bills");
  await form.getByRole("button", { name: "Add", exact: true }).click();
  await expect(taskItem(page, "Pay electricity")).toBeVisible();

  // Text that is only syntax leaves no title, and the form says so, keeping what was typed.
  await input.fill("tomorrow #home");
  await form.getByRole("button", { name: "Add", exact: true }).click();
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await expect(input).toHaveValue("tomorrow #home");
});

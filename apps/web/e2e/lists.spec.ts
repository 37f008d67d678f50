import type { Page } from "@playwright/test";
import { expect, holdScripts, stackSettings, test } from "./fixtures";
import { seriousViolations } from "./support/axe";
import { freePort, startWeb } from "./support/servers";
import {
  apiSession,
  apiUrl,
  createListThroughApi,
  createThroughApi,
  listsThroughApi,
  openTasks,
  pressShortcut,
  readThroughApi,
  sidebarHydrated,
  taskItem,
  tasksUrl,
} from "./support/tasks";

// Dates below are counted in UTC, the browser's zone here, so "today" is the same day for both.
test.use({ timezoneId: "UTC" });

const DAY_MS = 86_400_000;
/** `YYYY-MM-DD` in UTC, `days` from today. */
const utcDay = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);

function sidebar(page: Page) {
  return page.getByRole("navigation", { name: "Views and lists" });
}

/** The names of the lists in the sidebar, in order. */
function listNames(page: Page) {
  return sidebar(page).locator("[data-list-id] span[dir]");
}

test("lists: create, rename and color, reorder with the keyboard and buttons, delete naming its tasks", async ({
  page,
  user: _signedIn,
}) => {
  const session = await apiSession(page.request);
  await openTasks(page);
  await sidebarHydrated(page);
  for (const name of ["Home", "Bills", "Work"]) {
    await sidebar(page).getByLabel("New list name").fill(name);
    await sidebar(page).getByRole("button", { name: "Add list" }).click();
    await expect(listNames(page).last()).toHaveText(name);
  }
  await expect(listNames(page)).toHaveText(["Home", "Bills", "Work"]);

  // A blank name is refused with a message, nothing sent.
  await sidebar(page).getByRole("button", { name: "Add list" }).click();
  await expect(sidebar(page).getByText("Give the list a name")).toBeVisible();

  await sidebar(page).getByRole("button", { name: "Edit list Work" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit list" });
  await dialog.getByLabel("Name").fill("Office");
  await dialog.getByRole("radio", { name: "Blue" }).check();
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(listNames(page)).toHaveText(["Home", "Bills", "Office"]);
  const office = (await listsThroughApi(session)).find(({ name }) => name === "Office");
  expect(office?.color).toBe("#2563eb");

  // Alt+↑ moves the focused list up, and the focus goes with it.
  const officeLink = sidebar(page).getByRole("link", { name: /^Office/ });
  await officeLink.focus();
  await page.keyboard.press("Alt+ArrowUp");
  await expect(listNames(page)).toHaveText(["Home", "Office", "Bills"]);
  await expect(officeLink).toBeFocused();
  // And the edit dialog's buttons, for the pointer.
  await sidebar(page).getByRole("button", { name: "Edit list Home" }).click();
  await dialog.getByRole("button", { name: "Move down" }).click();
  await expect(dialog.getByText("Place 2 of 3")).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(listNames(page)).toHaveText(["Office", "Home", "Bills"]);
  // The sidebar shows the new order before its save lands.
  await expect
    .poll(async () =>
      (await listsThroughApi(session)).map(({ name, position }) => [name, position]),
    )
    .toEqual([
      ["Office", 0],
      ["Home", 1],
      ["Bills", 2],
    ]);

  // Delete a list with two open tasks: the confirmation says so, and they go with it.
  const bills = (await listsThroughApi(session)).find(({ name }) => name === "Bills");
  const tasks = [];
  for (const title of ["Pay rent", "Pay water"]) {
    tasks.push(await createThroughApi(session, { title, list_id: bills?.id ?? null }));
  }
  await page.reload();
  await sidebarHydrated(page);
  await expect(sidebar(page).getByRole("link", { name: /^Bills\s*2 open$/ })).toBeVisible();
  await sidebar(page).getByRole("button", { name: "Edit list Bills" }).click();
  await dialog.getByRole("button", { name: "Delete…" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete list" });
  await expect(confirm).toContainText("Delete “Bills” and its 2 open tasks?");
  await confirm.getByRole("button", { name: "Delete list" }).click();
  await expect(confirm).toBeHidden();
  await expect(listNames(page)).toHaveText(["Office", "Home"]);
  for (const task of tasks) {
    const response = await page.request.get(tasksUrl(session, task.id), {
      headers: { Authorization: `Bearer ${session.token}` },
    });
    expect(response.status()).toBe(404);
  }
});

test("a name typed while the previous list is being saved is kept", async ({
  page,
  user: _signedIn,
}) => {
  await openTasks(page);
  await sidebarHydrated(page);
  // The first list's save is held until the next name has been typed.
  let save = () => {};
  const saved = new Promise<void>((resolve) => {
    save = resolve;
  });
  await page.route(/\/lists$/, async (route) => {
    if (route.request().method() === "POST") await saved;
    await route.fallback();
  });
  const field = sidebar(page).getByLabel("New list name");
  await field.fill("Home");
  await sidebar(page).getByRole("button", { name: "Add list" }).click();
  await field.fill("Bills");
  save();
  await expect(listNames(page)).toHaveText(["Home"]);
  await expect(sidebar(page).getByRole("button", { name: "Add list" })).toBeEnabled();
  await expect(field).toHaveValue("Bills");
});

test("until its code arrives the sidebar stands in with the lists as plain links, their counts and its controls disabled; then it works", async ({
  page,
  user: _signedIn,
}) => {
  const session = await apiSession(page.request);
  const home = await createListThroughApi(session, { name: "Home" });
  await createListThroughApi(session, { name: "Bills" });
  await createThroughApi(session, { title: "Fix the tap", list_id: home.id });
  // The sidebar's own chunk (its new-list form's message is in no other chunk); the page loads.
  const { release } = await holdScripts(page, { containing: "Give the list a name" });
  await openTasks(page);
  // Completing a task changes the lists' counts, which the page above the sidebar reads too (to
  // take dropped tasks): React renders the sidebar's boundary afresh, as it may right after
  // hydration, without its code. The stand-in shows, with the new count, not a blank.
  await page.getByRole("checkbox", { name: "Fix the tap", exact: true }).click();
  const homeLink = sidebar(page).getByRole("link", { name: /^Home\s*0 open$/ });
  await expect(homeLink).toBeVisible();
  await expect(listNames(page)).toHaveText(["Home", "Bills"]);
  const edit = sidebar(page).getByRole("button", { name: "Edit list Home" });
  await expect(edit).toBeDisabled();
  await expect(homeLink).toHaveAttribute("href", `/tasks/lists/${home.id}`);
  await expect(sidebar(page).getByRole("link", { name: "All tasks" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(sidebar(page).getByLabel("New list name")).toBeDisabled();
  const standIn = await sidebar(page).boundingBox();

  release();
  await sidebarHydrated(page);
  // The sidebar took the stand-in's place without moving anything.
  expect(await sidebar(page).boundingBox()).toEqual(standIn);
  await edit.click();
  await expect(page.getByRole("dialog", { name: "Edit list" })).toBeVisible();
});

test("the first response of a freshly started server, read without JavaScript, has the sidebar's lists", async ({
  browser,
  baseURL,
  page,
  user: _signedIn,
}) => {
  const session = await apiSession(page.request);
  const home = await createListThroughApi(session, { name: "Home" });
  await createThroughApi(session, { title: "Fix the tap", list_id: home.id });
  // A web server whose first /tasks is this one: the sidebar's code is not loaded on the server
  // yet, so React sends the stand-in in the shell and the sidebar later, swapped in by a script.
  // Its tokens name the run's web app, the one the API trusts.
  const web = await startWeb(stackSettings(), {
    name: "first-response-web",
    port: await freePort(),
    apiUrl: apiUrl(),
    publicUrl: baseURL,
  });
  const serverOnly = await browser.newContext({
    baseURL: web.url,
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
  });
  try {
    const html = await serverOnly.newPage();
    await html.goto("/tasks");
    await expect(taskItem(html, "Fix the tap")).toBeVisible();
    await expect(sidebar(html).getByRole("link", { name: /^Home\s*1 open$/ })).toHaveAttribute(
      "href",
      `/tasks/lists/${home.id}`,
    );
    await expect(sidebar(html).getByRole("link", { name: /^Inbox\s*0 open$/ })).toBeVisible();
    await expect(sidebar(html).getByLabel("New list name")).toBeDisabled();
    // The stand-in's (the sidebar's own is served enabled): this was the response at issue.
    await expect(sidebar(html).getByRole("button", { name: "Edit list Home" })).toBeDisabled();
  } finally {
    await serverOnly.close();
    await web.stop();
  }
});

test("a task moves to another list through the edit dialog; each list and the Inbox have their own URL", async ({
  page,
  user: _signedIn,
}) => {
  const session = await apiSession(page.request);
  const home = await createListThroughApi(session, { name: "Home" });
  const task = await createThroughApi(session, { title: "Fix the tap" });
  await openTasks(page, "/tasks/inbox");
  await expect(page.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
  await taskItem(page, "Fix the tap").getByRole("button", { name: "Edit “Fix the tap”" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit task" });
  await dialog.getByLabel("List").selectOption({ label: "Home" });
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  // It leaves the Inbox, and its list counts it.
  await expect(taskItem(page, "Fix the tap")).toHaveCount(0);
  await expect(sidebar(page).getByRole("link", { name: /^Home\s*1 open$/ })).toBeVisible();
  expect((await readThroughApi(session, task.id)).list_id).toBe(home.id);

  await sidebar(page).getByRole("link", { name: /^Home/ }).click();
  await expect(page).toHaveURL(`/tasks/lists/${home.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Home" })).toBeVisible();
  await expect(taskItem(page, "Fix the tap")).toBeVisible();
  // Search still applies within the view.
  await createThroughApi(session, { title: "Paint the door", list_id: home.id });
  await openTasks(page, `/tasks/lists/${home.id}?q=tap`);
  await expect(taskItem(page, "Fix the tap")).toBeVisible();
  await expect(taskItem(page, "Paint the door")).toHaveCount(0);

  // A task added in a list view goes to that list.
  await page.goto(`/tasks/lists/${home.id}`);
  await page.getByLabel("New task").fill("Oil the hinges");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(taskItem(page, "Oil the hinges")).toBeVisible();
  await expect(sidebar(page).getByRole("link", { name: /^Home\s*3 open$/ })).toBeVisible();
});

test("Today shows what is due today or overdue; Upcoming the next 14 days by day, all-day first; g t and g u go there", async ({
  page,
  user: _signedIn,
}) => {
  const session = await apiSession(page.request);
  const inOneHour = new Date(Date.now() + 3_600_000);
  // Timed, today or just after midnight: either way in the next days and not overdue.
  const timed = await createThroughApi(session, {
    title: "Call the bank",
    due_date: inOneHour.toISOString(),
    time_zone: "UTC",
  });
  const timedDay = timed.due_date?.slice(0, 10);
  for (const [title, due_date] of [
    ["Overdue report", utcDay(-1)],
    ["Water the plants", utcDay(0)],
    ["Dentist", utcDay(3)],
    ["Renew insurance", utcDay(20)],
    ["Hang the picture", null],
  ] as const) {
    await createThroughApi(session, { title, due_date, time_zone: "UTC" });
  }
  const done = await createThroughApi(session, {
    title: "Done already",
    due_date: utcDay(0),
    time_zone: "UTC",
  });
  await page.request.patch(`${tasksUrl(session, done.id)}/complete`, {
    data: { completed: true },
    headers: { Authorization: `Bearer ${session.token}` },
  });

  await openTasks(page);
  await pressShortcut(page, ["g", "t"], () =>
    expect(page).toHaveURL("/tasks/today", { timeout: 1000 }),
  );
  await expect(page.getByRole("heading", { level: 1, name: "Today" })).toBeVisible();
  await expect(taskItem(page, "Overdue report")).toBeVisible();
  await expect(taskItem(page, "Water the plants")).toBeVisible();
  await expect(taskItem(page, "Call the bank")).toHaveCount(timedDay === utcDay(0) ? 1 : 0);
  for (const title of ["Dentist", "Renew insurance", "Hang the picture", "Done already"]) {
    await expect(taskItem(page, title)).toHaveCount(0);
  }

  await pressShortcut(page, ["g", "u"], () =>
    expect(page).toHaveURL("/tasks/upcoming", { timeout: 1000 }),
  );
  await expect(page.getByRole("heading", { level: 1, name: "Upcoming" })).toBeVisible();
  const today = page.getByRole("list", { name: "Today", exact: true });
  await expect(today.getByTestId("task-item").first()).toContainText("Water the plants");
  if (timedDay === utcDay(0)) {
    // All-day first, then by time.
    await expect(today.getByTestId("task-item")).toHaveText([/Water the plants/, /Call the bank/]);
  }
  await expect(taskItem(page, "Dentist")).toBeVisible();
  for (const title of ["Overdue report", "Renew insurance", "Hang the picture", "Done already"]) {
    await expect(taskItem(page, title)).toHaveCount(0);
  }

  await pressShortcut(page, ["g", "i"], () =>
    expect(page).toHaveURL("/tasks/inbox", { timeout: 1000 }),
  );

  await openTasks(page, "/tasks/completed");
  await expect(taskItem(page, "Done already")).toBeVisible();
  await expect(taskItem(page, "Dentist")).toHaveCount(0);
  // A view's own sort is not a filter the user set: the filters stay folded, uncounted.
  await expect(
    page.getByRole("search").getByRole("button", { name: "Filters", exact: true }),
  ).toHaveAttribute("aria-expanded", "false");
});

test("quick add files the issue's example under the list named with @", async ({
  page,
  user: _signedIn,
}) => {
  const session = await apiSession(page.request);
  const bills = await createListThroughApi(session, { name: "Bills" });
  await openTasks(page);
  await expect(sidebar(page).getByRole("link", { name: /^Bills/ })).toBeVisible();
  await page
    .getByLabel("New task")
    .fill("Pay rent tomorrow 9am every month #home !high @Bills remind 1h");
  await expect(page.getByTestId("quick-add-preview")).toContainText("Bills");
  await expect(page.getByTestId("quick-add-preview")).not.toContainText("no list of that name");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(taskItem(page, "Pay rent")).toBeVisible();

  const response = await page.request.get(tasksUrl(session), {
    headers: { Authorization: `Bearer ${session.token}` },
  });
  const [task] = ((await response.json()) as { items: Record<string, unknown>[] }).items;
  expect(task).toMatchObject({
    title: "Pay rent",
    list_id: bills.id,
    recurrence: "FREQ=MONTHLY",
    reminders: [{ before_minutes: 60 }],
    priority: "high",
    tags: ["home"],
  });
});

test("the sidebar, the drawer, the list dialogs and the new views: no serious or critical axe violation, light and dark, desktop and 360 px", async ({
  page,
  user: _signedIn,
}) => {
  // Four passes of axe over several views: as the notifications' axe test, twice the default.
  test.setTimeout(120_000);
  const session = await apiSession(page.request);
  const home = await createListThroughApi(session, { name: "Home", color: "#16a34a" });
  await createThroughApi(session, { title: "Fix the tap", list_id: home.id, due_date: utcDay(0) });
  await createThroughApi(session, { title: "Dentist", due_date: utcDay(2) });
  // Every view with a task in it, Completed too.
  const done = await createThroughApi(session, { title: "Buy stamps" });
  await page.request.patch(`${tasksUrl(session, done.id)}/complete`, {
    data: { completed: true },
    headers: { Authorization: `Bearer ${session.token}` },
  });
  const views = ["/tasks/inbox", "/tasks/today", "/tasks/upcoming", "/tasks/completed"];
  views.push(`/tasks/lists/${home.id}`);
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const viewport of [
      { name: "desktop", width: 1280, height: 800 },
      { name: "mobile", width: 360, height: 640 },
    ]) {
      await page.setViewportSize(viewport);
      for (const path of views) {
        await page.goto(path);
        await expect(page.getByTestId("task-item").first()).toBeVisible();
        await page.waitForLoadState("networkidle");
        expect(await seriousViolations(page), `${path}, ${scheme}, ${viewport.name}`).toEqual([]);
      }
      if (viewport.name === "mobile") {
        await page.getByRole("button", { name: "Views and lists" }).click();
        await expect(page.getByRole("dialog", { name: "Views and lists" })).toBeVisible();
      }
      await sidebar(page).getByRole("button", { name: "Edit list Home" }).click();
      await expect(page.getByRole("dialog", { name: "Edit list" })).toBeVisible();
      expect(await seriousViolations(page), `list dialog, ${scheme}, ${viewport.name}`).toEqual([]);
      await page.getByRole("button", { name: "Delete…" }).click();
      await expect(page.getByRole("dialog", { name: "Delete list" })).toBeVisible();
      expect(await seriousViolations(page), `delete, ${scheme}, ${viewport.name}`).toEqual([]);
      await page.getByRole("button", { name: "Keep the list" }).click();
      await page.keyboard.press("Escape");
    }
  }
});

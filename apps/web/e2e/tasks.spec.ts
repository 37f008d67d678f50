import type { Page, Request } from "@playwright/test";
// Tests that only need a signed-in page request the `user` fixture as `_signedIn`: asking for it
// is what signs the default page in.
import {
  expect,
  holdScripts,
  hydrated,
  newUserData,
  saveScreenshot,
  signUpThroughApi,
  stackSettings,
  test,
} from "./fixtures";
import { freePort, startApi, startWeb } from "./support/servers";
import {
  apiSession,
  createThroughApi,
  deleteThroughApi,
  openTasks,
  readThroughApi,
  taskItem,
  tasksUrl,
} from "./support/tasks";

function statusFilter(page: Page, label: "All" | "Active" | "Completed") {
  return page.getByRole("button", { name: new RegExp(`^${label}\\b`) });
}

function taskTitles(page: Page) {
  return page.getByTestId("task-item").locator("p[id]");
}

async function addTask(
  page: Page,
  title: string,
  details?: {
    description?: string;
    priority?: string;
    /** `YYYY-MM-DD`, optionally with `THH:mm`. */
    due?: string;
    tags?: string;
  },
): Promise<void> {
  const form = page.getByRole("form", { name: "Add a task" });
  await form.getByLabel("New task").fill(title);
  if (details) {
    await form.getByRole("button", { name: "More options" }).click();
    if (details.description) await form.getByLabel("Description").fill(details.description);
    if (details.priority) await form.getByLabel("Priority").selectOption(details.priority);
    if (details.due) {
      const [date = "", time] = details.due.split("T");
      await form.getByLabel("Due date").fill(date);
      if (time) await form.getByLabel("Due time").fill(time);
    }
    if (details.tags) await form.getByLabel("Tags").fill(details.tags);
  }
  await form.getByRole("button", { name: "Add", exact: true }).click();
  await expect(taskItem(page, title)).toBeVisible();
  await expect(form.getByLabel("New task")).toHaveValue("");
}

test("add, edit, complete, delete and undo tasks; everything persists across a reload", async ({
  page,
  user,
}) => {
  await openTasks(page);
  await expect(page.getByText("No tasks here yet.")).toBeVisible();
  await expect(page.getByRole("button", { name: /account menu/i })).toContainText(user.name);

  await addTask(page, "Buy milk");
  await addTask(page, "Write report", {
    description: "Quarterly numbers",
    priority: "high",
    due: "2099-03-01T09:30",
    tags: "work, Q4, work",
  });
  await addTask(page, "Pay rent", { due: "2020-01-01T08:00" });

  const report = taskItem(page, "Write report");
  await expect(report).toContainText("High priority");
  await expect(report).toContainText("Quarterly numbers");
  await expect(report.getByRole("button", { name: /tag #work/ })).toBeVisible();
  await expect(report.getByRole("button", { name: /tag #Q4/ })).toBeVisible();
  await expect(report).not.toContainText("overdue");
  await expect(taskItem(page, "Pay rent")).toContainText(/\d+ days overdue/);
  // Medium, the usual priority, goes unmarked.
  await expect(taskItem(page, "Buy milk")).not.toContainText("priority");
  await expect(statusFilter(page, "All")).toHaveText("All 3");

  // A title the contract refuses is caught on the form, with the field marked.
  const form = page.getByRole("form", { name: "Add a task" });
  await form.getByLabel("New task").fill("   ");
  await form.getByRole("button", { name: "Add", exact: true }).click();
  await expect(form.getByLabel("New task")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText("Must not be empty")).toBeVisible();

  // Edit every field.
  await taskItem(page, "Buy milk").getByRole("button", { name: "Edit “Buy milk”" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit task" });
  await expect(dialog.getByLabel("Title")).toBeFocused();
  await dialog.getByLabel("Title").fill("Buy oat milk");
  await dialog.getByLabel("Description").fill("From the corner shop");
  await dialog.getByLabel("Priority").selectOption("low");
  await dialog.getByLabel("Due date").fill("2099-12-24");
  await dialog.getByLabel("Due time").fill("18:00");
  await dialog.getByLabel("Tags").fill("errands");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  const milk = taskItem(page, "Buy oat milk");
  await expect(milk).toContainText("From the corner shop");
  await expect(milk).toContainText("Low priority");
  await expect(milk).toContainText("#errands");
  await expect(milk.locator("time")).toHaveAttribute("datetime", /^2099-12-2[45]T/);

  // Complete.
  await milk.getByRole("checkbox", { name: "Buy oat milk", exact: true }).check();
  await expect(statusFilter(page, "Completed")).toHaveText("Completed 1");
  await expect(statusFilter(page, "Active")).toHaveText("Active 2");

  // Delete, then undo: the task comes back unchanged.
  await taskItem(page, "Pay rent").getByRole("button", { name: "Delete “Pay rent”" }).click();
  await expect(taskItem(page, "Pay rent")).toBeHidden();
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(taskItem(page, "Pay rent")).toContainText("overdue");

  // Delete for good: the request leaves once the undo window has passed.
  const deleted = page.waitForResponse(
    (response) => response.request().method() === "DELETE" && response.status() === 204,
  );
  await report.getByRole("button", { name: "Delete “Write report”" }).click();
  await expect(report).toBeHidden();
  await deleted;

  await page.reload();
  await expect(page.getByRole("list", { name: "Tasks" })).toBeVisible();
  await expect(taskTitles(page)).toHaveText(["Pay rent", "Buy oat milk"]);
  await expect(page.getByRole("checkbox", { name: "Buy oat milk", exact: true })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Pay rent", exact: true })).not.toBeChecked();
  await expect(taskItem(page, "Buy oat milk")).toContainText("From the corner shop");
  await expect(taskItem(page, "Pay rent")).toContainText("overdue");
  await expect(statusFilter(page, "All")).toHaveText("All 2");
});

/**
 * Presses Tab until `target` has focus, as a keyboard user would; fails if it never does. The
 * bound allows a full lap of the page plus the toasts still on screen (two stops each).
 */
async function tabTo(page: Page, target: ReturnType<Page["getByRole"]>, maxPresses = 60) {
  for (let presses = 0; presses < maxPresses; presses++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

test("the whole flow works from the keyboard alone", async ({ page, user: _signedIn }) => {
  await openTasks(page);
  await tabTo(page, page.getByRole("textbox", { name: "New task" }));
  await page.keyboard.type("Typed, not clicked");
  await page.keyboard.press("Enter");
  await expect(taskItem(page, "Typed, not clicked")).toBeVisible();

  const checkbox = page.getByRole("checkbox", { name: "Typed, not clicked", exact: true });
  await tabTo(page, checkbox);
  await page.keyboard.press("Space");
  await expect(checkbox).toBeChecked();
  await expect(statusFilter(page, "Completed")).toHaveText("Completed 1");

  const edit = page.getByRole("button", { name: "Edit “Typed, not clicked”" });
  await tabTo(page, edit);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Edit task" });
  await expect(dialog.getByLabel("Title")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(edit).toBeFocused();

  await page.keyboard.press("Enter");
  await expect(dialog.getByLabel("Title")).toBeFocused();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("Renamed by keyboard");
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(taskItem(page, "Renamed by keyboard")).toBeVisible();

  await tabTo(page, page.getByRole("button", { name: /^Active/ }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/status=pending/);
  await expect(page.getByText("No tasks here yet.")).toBeVisible();
});

test("filters and sort live in the URL: reload and the back button restore them", async ({
  page,
  user: _signedIn,
}) => {
  const session = await apiSession(page.request);
  await createThroughApi(session, { title: "Alpha report", priority: "high", tags: ["work"] });
  await createThroughApi(session, { title: "Beta groceries", priority: "low", tags: ["home"] });
  await createThroughApi(session, {
    title: "Gamma taxes",
    priority: "high",
    tags: ["home"],
    completed: true,
  });
  await openTasks(page);
  await expect(taskTitles(page)).toHaveText(["Gamma taxes", "Beta groceries", "Alpha report"]);

  const toolbar = page.getByRole("search");
  await toolbar.getByRole("button", { name: "Filters" }).click();
  await toolbar.getByLabel("Priority").selectOption("high");
  await expect(page).toHaveURL(/[?&]priority=high/);
  // A title sort reads A to Z without being told: the direction follows the key.
  await toolbar.getByLabel("Sort by").selectOption("title");
  await expect(page).toHaveURL(/sort=title/);
  await expect(page).not.toHaveURL(/order=/);
  await expect(toolbar.getByLabel("Order")).toHaveValue("asc");
  await expect(taskTitles(page)).toHaveText(["Alpha report", "Gamma taxes"]);
  // A direction the user picks is kept.
  await toolbar.getByLabel("Order").selectOption("desc");
  await expect(page).toHaveURL(/order=desc/);
  await expect(taskTitles(page)).toHaveText(["Gamma taxes", "Alpha report"]);
  await toolbar.getByLabel("Order").selectOption("asc");
  await expect(page).not.toHaveURL(/order=/);
  await expect(taskTitles(page)).toHaveText(["Alpha report", "Gamma taxes"]);

  await statusFilter(page, "Active").click();
  await expect(page).toHaveURL(/status=pending/);
  await expect(taskTitles(page)).toHaveText(["Alpha report"]);
  await expect(statusFilter(page, "Completed")).toHaveText("Completed 1");

  await toolbar.getByLabel("Search").fill("alp");
  await expect(page).toHaveURL(/q=alp/);

  await page.reload();
  await expect(taskTitles(page)).toHaveText(["Alpha report"]);
  await expect(toolbar.getByLabel("Priority")).toHaveValue("high");
  await expect(toolbar.getByLabel("Sort by")).toHaveValue("title");
  await expect(toolbar.getByLabel("Order")).toHaveValue("asc");
  await expect(toolbar.getByLabel("Search")).toHaveValue("alp");
  await expect(toolbar.getByRole("button", { name: "Filters (2)" })).toHaveAttribute(
    "aria-expanded",
    "true",
  );
  await expect(statusFilter(page, "Active")).toHaveAttribute("aria-pressed", "true");

  // Typing replaced the history entry, so Back undoes the status filter, search and all.
  await page.goBack();
  await expect(page).not.toHaveURL(/status=|q=/);
  await expect(statusFilter(page, "All")).toHaveAttribute("aria-pressed", "true");
  await expect(toolbar.getByLabel("Search")).toHaveValue("");
  await expect(taskTitles(page)).toHaveText(["Alpha report", "Gamma taxes"]);

  // A tag on a task filters by it.
  await taskItem(page, "Gamma taxes")
    .getByRole("button", { name: /tag #home/ })
    .click();
  await expect(page).toHaveURL(/tag=home/);
  await expect(toolbar.getByLabel("Tag")).toHaveValue("home");
  await expect(taskTitles(page)).toHaveText(["Gamma taxes"]);

  await toolbar.getByLabel("Search").fill("no such task");
  await expect(page.getByText("No tasks match these filters.")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).not.toHaveURL(/tag=|q=|priority=/);
  await expect(taskTitles(page)).toHaveText(["Alpha report", "Beta groceries", "Gamma taxes"]);
});

test("a filter set while Back still waits on the server lands in the URL, the list and the fields", async ({
  page,
  user: _signedIn,
}) => {
  const session = await apiSession(page.request);
  await createThroughApi(session, { title: "Alpha report", tags: ["work"] });
  await createThroughApi(session, { title: "Beta groceries", tags: ["home"] });
  await openTasks(page);
  await statusFilter(page, "Active").click();
  await expect(page).toHaveURL(/status=pending/);
  // After a reload, Back to an entry the old page made asks the server for that page again.
  await page.reload();
  await expect(taskTitles(page)).toHaveText(["Beta groceries", "Alpha report"]);
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  // The page's own request, not the links' prefetches.
  const pageRequest = (request: Request) =>
    /[?&]_rsc=/.test(request.url()) && !request.headers()["next-router-prefetch"];
  await page.route(/[?&]_rsc=/, async (route) => {
    if (pageRequest(route.request())) await held;
    await route.continue();
  });
  const traversal = page.waitForRequest(pageRequest);
  await page.goBack();
  await traversal;
  await expect(statusFilter(page, "All")).toHaveAttribute("aria-pressed", "true");

  // The tag is clicked while that answer is on its way, and again once it has landed.
  await taskItem(page, "Beta groceries")
    .getByRole("button", { name: /tag #home/ })
    .click();
  const toolbar = page.getByRole("search");
  await expect(page).toHaveURL(/tag=home/);
  await expect(toolbar.getByLabel("Tag")).toHaveValue("home");
  await expect(taskTitles(page)).toHaveText(["Beta groceries"]);
  const landed = page.waitForResponse((response) => pageRequest(response.request()));
  release();
  await landed;
  await page.unrouteAll();
  await toolbar.getByLabel("Search").fill("groc");
  await expect(page).toHaveURL(/tag=home/);
  await expect(page).toHaveURL(/q=groc/);
  await expect(toolbar.getByLabel("Tag")).toHaveValue("home");
  await expect(taskTitles(page)).toHaveText(["Beta groceries"]);
  // The router is not left stuck: links still navigate, and Back still restores the filters.
  await page.getByRole("link", { name: "Today", exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Today" })).toBeVisible();
  await page.goBack();
  await expect(toolbar.getByLabel("Tag")).toHaveValue("home");
  await expect(taskTitles(page)).toHaveText(["Beta groceries"]);
});

test("the page arrives with the list and counts for its URL already in the HTML", async ({
  browser,
  baseURL,
  page,
  user: _signedIn,
}) => {
  const session = await apiSession(page.request);
  await createThroughApi(session, { title: "Beta", due_date: "2030-01-02T09:00:00Z" });
  await createThroughApi(session, { title: "Alpha" });
  await createThroughApi(session, { title: "Done already", completed: true });
  // Without JavaScript only what the server rendered can show.
  const serverOnly = await browser.newContext({
    baseURL,
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
  });
  try {
    const html = await serverOnly.newPage();
    await html.goto("/tasks?status=pending&sort=title&order=asc");
    await expect(taskTitles(html)).toHaveText(["Alpha", "Beta"]);
    await expect(statusFilter(html, "All")).toHaveText("All 3");
    await expect(statusFilter(html, "Active")).toHaveText("Active 2");
    await expect(statusFilter(html, "Completed")).toHaveText("Completed 1");
    await expect(html.locator("time[datetime='2030-01-02T09:00:00.000Z']")).toHaveCount(1);
  } finally {
    await serverOnly.close();
  }
  // The counts travel as numbers: the one-task pages they are read from (here the completed
  // task, counted by the Completed tab) stay out of the page's cached data (ADR 0039).
  const document = await page.request.get("/tasks?status=pending&sort=title&order=asc");
  expect(await document.text()).not.toContain("Done already");
  // With JavaScript the same page is live at once, and the date is in the browser's own format.
  await openTasks(page, "/tasks?status=pending&sort=title&order=asc");
  await expect(taskItem(page, "Beta").locator("time")).toHaveText(/2030/);
});

test("until TanStack Query arrives the board shows the server's tasks, disabled; then it works", async ({
  page,
  user: _signedIn,
}) => {
  const session = await apiSession(page.request);
  const task = await createThroughApi(session, { title: "Water the plants" });
  // The engine's chunk: TanStack Query's core, which no chunk of the first load has (ADR 0051).
  const { release } = await holdScripts(page, { containing: "Missing queryFn" });
  await page.goto("/tasks");
  await hydrated(page);
  const checkbox = page.getByRole("checkbox", { name: "Water the plants", exact: true });
  const add = page.getByRole("form", { name: "Add a task" }).getByLabel("New task");
  await expect(checkbox).toBeVisible();
  await expect(checkbox).toBeDisabled();
  await expect(add).toBeDisabled();
  await expect(statusFilter(page, "Active")).toHaveText("Active 1");
  // A shortcut does nothing yet: it is not taken and then lost.
  await page.keyboard.press("q");
  await expect(add).not.toBeFocused();

  release();
  await expect(add).toBeEnabled();
  await checkbox.click();
  await expect(checkbox).toBeChecked();
  await expect(statusFilter(page, "Active")).toHaveText("Active 0");
  await expect.poll(async () => (await readThroughApi(session, task.id)).completed).toBe(true);
  await page.keyboard.press("q");
  await expect(add).toBeFocused();
});

test("a task row is a few named classes in the HTML and is styled as before", async ({
  page,
  user: _signedIn,
}) => {
  const session = await apiSession(page.request);
  // The bench's busiest kind of row: description, due date, two tags, two icon buttons.
  await createThroughApi(session, {
    title: "Task 19: plan the next step of the project",
    description: "Notes for task 19, long enough to wrap on a phone.",
    due_date: "2030-01-19T09:00:00Z",
    tags: ["work", "area-4"],
  });
  // Each row's markup is repeated per task in the document (ADR 0049): about 2.6 kB for this
  // row when every element spelled out its Tailwind classes and each icon its stroke.
  const html = await (await page.request.get("/tasks")).text();
  const row = html.match(/<li[^>]*data-testid="task-item"[\s\S]*?<\/li>/)?.[0] ?? "";
  expect(row).toContain("Task 19: plan the next step of the project");
  expect(row.length).toBeLessThan(1600);

  // The named classes (globals.css) give the row, its checkbox, tags, buttons and icons the
  // look they had.
  await openTasks(page);
  const item = taskItem(page, "Task 19: plan the next step of the project");
  const style = (locator: ReturnType<typeof page.locator>, properties: string[]) =>
    locator.evaluate(
      (element, names) => names.map((name) => getComputedStyle(element).getPropertyValue(name)),
      properties,
    );
  expect(
    await style(item, ["display", "border-top-width", "padding-top", "border-radius"]),
  ).toEqual(["flex", "1px", "16px", "8px"]);
  expect(await style(item.getByRole("checkbox"), ["width", "height", "cursor"])).toEqual([
    "20px",
    "20px",
    "pointer",
  ]);
  expect(
    await style(item.getByRole("button", { name: "Filter by tag #work" }), [
      "padding-left",
      "padding-top",
    ]),
  ).toEqual(["8px", "2px"]);
  const edit = item.getByRole("button", { name: /^Edit/ });
  // A flex item: its `inline-flex` computes as `flex`.
  expect(await style(edit, ["display", "width", "height", "border-radius"])).toEqual([
    "flex",
    "40px",
    "40px",
    "6px",
  ]);
  expect(
    await style(edit.locator("svg"), ["width", "fill", "stroke-width", "stroke-linecap"]),
  ).toEqual(["16px", "none", "2px", "round"]);
});

test("load more fetches the next page by cursor", async ({ page, user: _signedIn }) => {
  const session = await apiSession(page.request);
  for (let n = 1; n <= 23; n++) {
    await createThroughApi(session, { title: `Task ${String(n).padStart(2, "0")}` });
  }
  await openTasks(page, "/tasks?sort=title&order=asc");
  await expect(statusFilter(page, "All")).toHaveText("All 23");
  await expect(page.getByTestId("task-item")).toHaveCount(20);
  await expect(page.getByRole("button", { name: "Load more" })).toHaveText("Load more (20 of 23)");
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(page.getByTestId("task-item")).toHaveCount(23);
  await expect(taskTitles(page).last()).toHaveText("Task 23");
  await expect(page.getByRole("button", { name: "Load more" })).toBeHidden();
});

test("two users in two browsers never see each other's tasks", async ({
  page,
  user,
  secondUser,
}) => {
  await openTasks(page);
  await addTask(page, "First user's secret");

  const other = secondUser.page;
  await openTasks(other);
  await expect(other.getByRole("button", { name: /account menu/i })).toContainText(
    secondUser.user.name,
  );
  await expect(other.getByRole("button", { name: /account menu/i })).not.toContainText(user.name);
  await expect(other.getByText("No tasks here yet.")).toBeVisible();
  await addTask(other, "Second user's plan");
  await expect(taskTitles(other)).toHaveText(["Second user's plan"]);

  await page.reload();
  await expect(taskTitles(page)).toHaveText(["First user's secret"]);

  // Nor can the second user's token read the first user's list.
  const first = await apiSession(page.request);
  const second = await apiSession(secondUser.context.request);
  const response = await other.request.get(tasksUrl(first), {
    headers: { Authorization: `Bearer ${second.token}` },
  });
  expect(response.status()).toBe(403);
});

test("a change the API refuses is undone on screen and explained", async ({
  page,
  user: _signedIn,
}) => {
  const session = await apiSession(page.request);
  const doomed = await createThroughApi(session, { title: "Deleted elsewhere" });
  const edited = await createThroughApi(session, { title: "Also deleted elsewhere" });
  await openTasks(page);

  // Another device deletes a task this page still shows: completing it gets a 404.
  await deleteThroughApi(session, doomed.id);
  const refused = page.waitForResponse(
    (response) =>
      response.url().endsWith(`/tasks/${doomed.id}/complete`) && response.status() === 404,
  );
  // A click, not `check()`: the refusal can undo the tick before `check()` looks at it.
  await page.getByRole("checkbox", { name: "Deleted elsewhere", exact: true }).click();
  await refused;
  await expect(page.getByText("Couldn't update “Deleted elsewhere”")).toBeVisible();
  await expect(statusFilter(page, "Completed")).toHaveText("Completed 0");
  await expect(taskItem(page, "Deleted elsewhere")).toBeHidden();

  // The edit dialog shows the refusal on the form and keeps what was typed.
  await deleteThroughApi(session, edited.id);
  await page.getByRole("button", { name: "Edit “Also deleted elsewhere”" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit task" });
  await dialog.getByLabel("Title").fill("A new title");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByRole("alert")).toContainText("Couldn't save the task");
  await expect(dialog.getByLabel("Title")).toHaveValue("A new title");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("task-item").filter({ hasText: "A new title" })).toHaveCount(0);
});

test("when the API goes away, an optimistic toggle is rolled back and the task kept", async ({
  browser,
}) => {
  // A stack of our own, so its API can be stopped without disturbing the other tests.
  const settings = stackSettings();
  const port = await freePort();
  const webUrl = `http://localhost:${port}`;
  const api = await startApi(settings, { name: "rollback-api", webUrl });
  const web = await startWeb(settings, { name: "rollback-web", port, apiUrl: api.url });
  const context = await browser.newContext({ baseURL: webUrl });
  try {
    await signUpThroughApi(context.request, webUrl, newUserData("rollback"));
    const page = await context.newPage();
    await openTasks(page);
    await addTask(page, "Survives an outage");

    await api.stop();
    const checkbox = page.getByRole("checkbox", { name: "Survives an outage", exact: true });
    await checkbox.click();
    await expect(page.getByText("Couldn't update “Survives an outage”")).toBeVisible();
    await expect(page.getByText(/can't reach the server/i).first()).toBeVisible();
    await expect(checkbox).not.toBeChecked();
    await expect(taskItem(page, "Survives an outage")).toBeVisible();
  } finally {
    await context.close();
    await web.stop();
    await api.stop();
  }
});

test("the page fits 360 px without horizontal scrolling, in light and dark", async ({
  page,
  user: _signedIn,
}, testInfo) => {
  const session = await apiSession(page.request);
  await createThroughApi(session, {
    title: "Renew the passport before the summer holidays start, and book the photo booth",
    description: "Take the old passport, two photos and the form.",
    priority: "high",
    due_date: "2020-06-01T09:00:00Z",
    tags: ["admin", "travel", "family"],
  });
  await createThroughApi(session, { title: "Water the plants", tags: ["home"], completed: true });
  await createThroughApi(session, {
    title: "Call the dentist",
    priority: "low",
    due_date: "2099-01-15T14:30:00Z",
  });

  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    for (const [name, width] of [
      ["desktop", 1280],
      ["360", 360],
    ] as const) {
      await page.setViewportSize({ width, height: 800 });
      await openTasks(page);
      await expect(page.getByTestId("task-item")).toHaveCount(3);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `horizontal overflow at ${width} px (${colorScheme})`).toBeLessThanOrEqual(
        0,
      );
      await saveScreenshot(page, testInfo, `tasks-${name}-${colorScheme}`);
    }
  }
});

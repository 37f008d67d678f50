import type { Locator, Page } from "@playwright/test";
import type { CreateTaskInput } from "@todo/contract/task";
import { expect, test } from "./fixtures";
import { apiSession, createThroughApi, openTasks, pressShortcut, taskItem } from "./support/tasks";

function statusFilter(page: Page, label: "All" | "Active" | "Completed") {
  return page.getByRole("button", { name: new RegExp(`^${label}\\b`) });
}

async function overlaps(a: Locator, b: Locator): Promise<boolean> {
  const [boxA, boxB] = [await a.boundingBox(), await b.boundingBox()];
  if (!boxA || !boxB) return false;
  return (
    boxA.x < boxB.x + boxB.width &&
    boxB.x < boxA.x + boxA.width &&
    boxA.y < boxB.y + boxB.height &&
    boxB.y < boxA.y + boxA.height
  );
}

/**
 * Alpha, Bravo and Charlie in the Active view, Bravo completed: it leaves the view, the focus
 * moves on to Alpha, and a toast offers Undo.
 */
async function completeBravoInTheActiveView(page: Page): Promise<void> {
  const session = await apiSession(page.request);
  for (const title of ["Alpha", "Bravo", "Charlie"]) await createThroughApi(session, { title });
  await openTasks(page, "/tasks?status=pending");
  await expect(statusFilter(page, "Active")).toHaveText("Active 3");
  // click(), not check(): the completed task leaves the Active view, and check() then waits
  // (until the test times out) to see the box ticked on a row that may already be gone.
  await page.getByRole("checkbox", { name: "Bravo" }).click();
  await expect(page.getByText("Completed “Bravo”")).toBeVisible();
  await expect(taskItem(page, "Bravo")).toBeHidden();
  await expect(taskItem(page, "Alpha")).toBeFocused();
}

test("at 360×640 at least three tasks show above the fold; filters fold away and hide with no tasks", async ({
  page,
  user: _signedIn,
}) => {
  await page.setViewportSize({ width: 360, height: 640 });
  await openTasks(page);
  // Nothing to search or count yet.
  await expect(page.getByText("No tasks here yet.")).toBeVisible();
  await expect(page.getByRole("search")).toHaveCount(0);
  await expect(statusFilter(page, "All")).toHaveCount(0);

  const session = await apiSession(page.request);
  const tasks: CreateTaskInput[] = [
    { title: "Renew passport", due_date: "2099-01-10", tags: ["admin"] },
    { title: "Call the plumber", priority: "high" },
    { title: "Buy milk", tags: ["home", "errands"] },
    { title: "Water the plants" },
  ];
  for (const task of tasks) await createThroughApi(session, task);
  await openTasks(page);
  await expect(page.getByRole("search")).toBeVisible();
  const toolbar = page.getByRole("search");
  await expect(toolbar.getByLabel("Priority")).toBeHidden();
  const bottoms = await page
    .getByTestId("task-item")
    .evaluateAll((rows) => rows.map((row) => row.getBoundingClientRect().bottom));
  expect(bottoms.filter((bottom) => bottom <= 640).length).toBeGreaterThanOrEqual(3);

  await toolbar.getByRole("button", { name: "Filters" }).click();
  await expect(toolbar.getByLabel("Priority")).toBeVisible();
});

test("keyboard shortcuts move, complete, edit, delete, search and add; none fires while typing", async ({
  page,
  user: _signedIn,
}) => {
  const session = await apiSession(page.request);
  for (const title of ["Alpha", "Bravo", "Charlie"]) await createThroughApi(session, { title });
  await openTasks(page);
  // Newest first: Charlie, Bravo, Alpha.
  const row = (title: string) => taskItem(page, title);

  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await pressShortcut(page, ["?"], () => expect(help).toBeVisible({ timeout: 1000 }));
  await expect(help).toContainText("Add a task");
  await expect(help).toContainText("Next task");
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  await page.keyboard.press("j");
  await expect(row("Charlie")).toBeFocused();
  await page.keyboard.press("j");
  await expect(row("Bravo")).toBeFocused();
  await page.keyboard.press("k");
  await expect(row("Charlie")).toBeFocused();

  await page.keyboard.press("x");
  await expect(page.getByRole("checkbox", { name: "Charlie" })).toBeChecked();
  await expect(statusFilter(page, "Completed")).toHaveText("Completed 1");

  await page.keyboard.press("e");
  const dialog = page.getByRole("dialog", { name: "Edit task" });
  await expect(dialog.getByLabel("Title")).toHaveValue("Charlie");
  // Keys typed in the dialog are text, not shortcuts.
  await dialog.getByLabel("Title").press("End");
  await page.keyboard.type(" jx");
  await expect(dialog.getByLabel("Title")).toHaveValue("Charlie jx");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  // Delete: the task goes (with undo) and the focus moves to the next one.
  await expect(row("Charlie")).toBeFocused();
  await page.keyboard.press("Delete");
  await expect(row("Charlie")).toBeHidden();
  await expect(row("Bravo")).toBeFocused();

  await page.keyboard.press("q");
  const newTask = page.getByLabel("New task");
  await expect(newTask).toBeFocused();
  await page.keyboard.type("jkx/?q");
  await expect(newTask).toHaveValue("jkx/?q");
  await expect(page.getByRole("checkbox", { name: "Bravo" })).not.toBeChecked();
  await expect(help).toBeHidden();

  await row("Alpha").getByRole("checkbox").focus();
  await page.keyboard.press("/");
  await expect(page.getByLabel("Search")).toBeFocused();
  await expect(page.getByLabel("Search")).toHaveValue("");

  // g t, g u and g i go to Today, Upcoming and the Inbox, each at its plain address.
  await page.goto("/tasks?status=pending");
  await expect(statusFilter(page, "Active")).toHaveAttribute("aria-pressed", "true");
  for (const [key, view] of [
    ["t", "today"],
    ["u", "upcoming"],
    ["i", "inbox"],
  ] as const) {
    await pressShortcut(page, ["g", key], () =>
      expect(page).toHaveURL(new RegExp(`/tasks/${view}$`), { timeout: 1000 }),
    );
  }
  await expect(statusFilter(page, "All")).toHaveAttribute("aria-pressed", "true");
});

test("completing in the Active view offers undo; counts agree while a delete can be undone", async ({
  page,
  user: _signedIn,
}) => {
  await completeBravoInTheActiveView(page);
  await expect(statusFilter(page, "Active")).toHaveText("Active 2");
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(taskItem(page, "Bravo")).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Bravo" })).not.toBeChecked();
  await expect(statusFilter(page, "Active")).toHaveText("Active 3");
  await expect(statusFilter(page, "Completed")).toHaveText("Completed 0");

  // Within the undo window every count leaves the deleted task out, not only the shown one.
  await taskItem(page, "Charlie").getByRole("button", { name: "Delete “Charlie”" }).click();
  await expect(taskItem(page, "Charlie")).toBeHidden();
  await expect(taskItem(page, "Bravo")).toBeFocused();
  await expect(statusFilter(page, "Active")).toHaveText("Active 2");
  await expect(statusFilter(page, "All")).toHaveText("All 2");
  await expect(statusFilter(page, "Completed")).toHaveText("Completed 0");
  // With the counts settled, whatever the undo refetched has re-rendered the rows: focus stays.
  await expect(taskItem(page, "Bravo")).toBeFocused();
});

test("undo in a toast gives focus back as the toast closes, and never takes it back later", async ({
  page,
  user: _signedIn,
}) => {
  await completeBravoInTheActiveView(page);

  // Timed inside the page: Undo from the keyboard (focus on the button, then activate it), and
  // the user moves on to Charlie (a click, j or k) before the closed toast has left the page
  // (200 ms). The toast library gave focus back only then, taking it from wherever it had gone.
  const focused = await page.evaluate(async () => {
    const title = () =>
      document.activeElement?.closest("[data-task-id]")?.querySelector("p")?.textContent ??
      document.activeElement?.tagName;
    const undo = [
      ...document.querySelectorAll<HTMLButtonElement>("[data-sonner-toast] button"),
    ].find((button) => button.textContent === "Undo");
    undo?.focus();
    undo?.click();
    const atOnce = title();
    await new Promise((resolve) => setTimeout(resolve, 50));
    document
      .querySelector<HTMLElement>('[data-task-id]:has(button[aria-label="Delete “Charlie”"])')
      ?.focus();
    await new Promise((resolve) => setTimeout(resolve, 800));
    return { atOnce, later: title() };
  });
  expect(focused).toEqual({ atOnce: "Alpha", later: "Charlie" });
  await expect(taskItem(page, "Bravo")).toBeVisible();
});

test("a toast never covers the focused task at 360×640", async ({ page, user: _signedIn }) => {
  await page.setViewportSize({ width: 360, height: 640 });
  const session = await apiSession(page.request);
  for (let n = 1; n <= 6; n++) await createThroughApi(session, { title: `Task ${n}` });
  await openTasks(page, "/tasks?sort=title");
  // The first key only once the board handles keys (before hydration, none does).
  await pressShortcut(page, ["j"], () =>
    expect(taskItem(page, "Task 1")).toBeFocused({ timeout: 1000 }),
  );
  for (let n = 2; n <= 5; n++) await page.keyboard.press("j");
  await expect(taskItem(page, "Task 5")).toBeFocused();
  await page.keyboard.press("Delete");
  await expect(taskItem(page, "Task 6")).toBeFocused();
  const toast = page.locator("[data-sonner-toast]").filter({ hasText: "Deleted “Task 5”" });
  await expect(toast).toBeVisible();
  await expect.poll(() => overlaps(toast, taskItem(page, "Task 6"))).toBe(false);
});

test("task rows: descriptions expand in place with safe links, right-to-left text, quiet priorities, counters", async ({
  page,
  user: _signedIn,
}) => {
  const session = await apiSession(page.request);
  const description = `${"Long notes. ".repeat(20)}Docs: https://example.com/docs. Not a link: javascript:alert(1)`;
  await createThroughApi(session, { title: "Read the docs", description, priority: "low" });
  await createThroughApi(session, { title: "שלום עולם", priority: "medium" });
  await openTasks(page);

  const docs = taskItem(page, "Read the docs");
  await expect(docs).toContainText("Low priority");
  await expect(taskItem(page, "שלום עולם")).not.toContainText("priority");
  const more = docs.getByRole("button", { name: "Show more" });
  await expect(more).toHaveAttribute("aria-expanded", "false");
  const clamped = await docs
    .locator("p[dir]")
    .nth(1)
    .evaluate((p) => p.clientHeight);
  await more.click();
  await expect(docs.getByRole("button", { name: "Show less" })).toHaveAttribute(
    "aria-expanded",
    "true",
  );
  expect(
    await docs
      .locator("p[dir]")
      .nth(1)
      .evaluate((p) => p.clientHeight),
  ).toBeGreaterThan(clamped);
  const link = docs.getByRole("link", { name: "https://example.com/docs" });
  await expect(link).toHaveAttribute("href", "https://example.com/docs");
  await expect(link).toHaveAttribute("target", "_blank");
  await expect(link).toHaveAttribute("rel", /noopener/);
  await expect(link).toHaveAttribute("rel", /noreferrer/);
  await expect(docs.getByRole("link")).toHaveCount(1);

  const hebrew = taskItem(page, "שלום עולם").getByText("שלום עולם");
  expect(await hebrew.evaluate((p) => getComputedStyle(p).direction)).toBe("rtl");

  const newTask = page.getByLabel("New task");
  await newTask.fill("a".repeat(150));
  await expect(page.getByText(/\/200 characters/)).toBeHidden();
  await newTask.fill("a".repeat(170));
  await expect(page.getByText("170/200 characters")).toBeVisible();
});

test("the landing page knows you are signed in; the skip link is padded; the selected status stands out in dark mode", async ({
  page,
  user,
}) => {
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Go to my tasks" })).toBeVisible();
  await expect(page.getByText(`Signed in as ${user.name}`)).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Create a free account" })).toHaveCount(0);

  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  const padding = await skip.evaluate((a) => {
    const style = getComputedStyle(a);
    return [style.paddingTop, style.paddingLeft].map((value) => Number.parseFloat(value));
  });
  expect(Math.min(...padding)).toBeGreaterThanOrEqual(8);

  const session = await apiSession(page.request);
  await createThroughApi(session, { title: "Something" });
  await page.emulateMedia({ colorScheme: "dark" });
  await openTasks(page);
  // The selected tab's outline against the bar it sits on: 3:1 at least (WCAG 1.4.11).
  const contrast = await statusFilter(page, "All").evaluate((tab) => {
    const rgb = (color: string) =>
      (color.match(/[\d.]+/g) ?? []).slice(0, 4).map((part) => Number(part));
    const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
      const [R, G, B] = [r, g, b].map((v) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * (R ?? 0) + 0.7152 * (G ?? 0) + 0.0722 * (B ?? 0);
    };
    const bar = luminance(rgb(getComputedStyle(tab.parentElement as Element).backgroundColor));
    const edges = [
      getComputedStyle(tab).backgroundColor,
      ...(getComputedStyle(tab).boxShadow.match(/rgba?\([^)]*\)/g) ?? []),
    ]
      .map(rgb)
      .filter((color) => color.length === 3 || color[3] === 1);
    return Math.max(
      ...edges.map((color) => {
        const [light, dark] = [luminance(color), bar].sort((x, y) => y - x);
        return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
      }),
    );
  });
  expect(contrast).toBeGreaterThanOrEqual(3);
});

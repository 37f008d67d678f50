import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import {
  type ApiSession,
  apiSession,
  createListThroughApi,
  createThroughApi,
  listsThroughApi,
  listsUrl,
  openTasks,
  readThroughApi,
  sidebarHydrated,
  taskItem,
  tasksUrl,
} from "./support/tasks";

function sidebar(page: Page) {
  return page.getByRole("navigation", { name: "Views and lists" });
}

/** The names of the lists in the sidebar (or the open drawer), in order. */
function listNames(page: Page) {
  return sidebar(page).locator("[data-list-id] span[dir]");
}

function listLink(page: Page, name: string) {
  return sidebar(page).getByRole("link", { name: new RegExp(`^${name}`) });
}

/** The sidebar row holding a list's link: where a drop is marked. */
function listRow(page: Page, name: string) {
  return sidebar(page)
    .locator("li")
    .filter({ has: page.getByRole("link", { name: new RegExp(`^${name}`) }) });
}

async function positions(session: ApiSession) {
  return (await listsThroughApi(session)).map(({ name, position }) => [name, position]);
}

/** Opens a tasks page once its sidebar can take a drag. */
async function openWithSidebar(page: Page, path?: string) {
  await openTasks(page, path);
  await sidebarHydrated(page);
}

/** Drags with the mouse, stopping over the target so that its highlight can be checked. */
async function dragOver(page: Page, source: Locator, target: Locator) {
  await source.hover();
  await page.mouse.down();
  const box = await target.boundingBox();
  if (!box) throw new Error("the drop target is not on screen");
  // Several steps, as a hand moves: Chromium starts a drag after the first few pixels.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 8 });
}

const auth = (session: ApiSession) => ({ Authorization: `Bearer ${session.token}` });

test("lists reorder by dragging, in the sidebar and the 360 px drawer, and with Alt+arrows, announced; a move made stale elsewhere is refused and put back", async ({
  page,
  user: _signedIn,
}) => {
  const session = await apiSession(page.request);
  for (const name of ["Home", "Bills", "Work"]) await createListThroughApi(session, { name });
  await openWithSidebar(page);
  await expect(listNames(page)).toHaveText(["Home", "Bills", "Work"]);

  // Dropped on Home, Work takes its place; the line shows where it will go while dragging.
  await dragOver(page, listLink(page, "Work"), listLink(page, "Home"));
  await expect(listRow(page, "Home")).toHaveAttribute("data-drop", "before");
  await page.mouse.up();
  await expect(listNames(page)).toHaveText(["Work", "Home", "Bills"]);
  await expect
    .poll(() => positions(session))
    .toEqual([
      ["Work", 0],
      ["Home", 1],
      ["Bills", 2],
    ]);
  // Moving down: dropped on Bills, Work goes after it.
  await listLink(page, "Work").dragTo(listLink(page, "Bills"));
  await expect(listNames(page)).toHaveText(["Home", "Bills", "Work"]);
  await expect
    .poll(() => positions(session))
    .toEqual([
      ["Home", 0],
      ["Bills", 1],
      ["Work", 2],
    ]);

  // The keyboard: Alt+↓ moves the focused list, keeps the focus on it and says where it went.
  await listLink(page, "Home").focus();
  await page.keyboard.press("Alt+ArrowDown");
  await expect(listNames(page)).toHaveText(["Bills", "Home", "Work"]);
  await expect(listLink(page, "Home")).toBeFocused();
  await expect(sidebar(page).getByRole("status")).toHaveText("Moved “Home” to place 2 of 3.");
  await expect
    .poll(() => positions(session))
    .toEqual([
      ["Bills", 0],
      ["Home", 1],
      ["Work", 2],
    ]);

  // Reordered in another window meanwhile: the move is refused with a reason, nothing changes,
  // and the sidebar shows the order as it now is.
  const work = (await listsThroughApi(session)).find(({ name }) => name === "Work");
  const elsewhere = await page.request.patch(`${listsUrl(session)}/${work?.id}`, {
    data: { position: 0 },
    headers: auth(session),
  });
  expect(elsewhere.status()).toBe(200);
  await listLink(page, "Home").dragTo(listLink(page, "Bills"));
  await expect(page.getByText("Couldn't move “Home”")).toBeVisible();
  await expect(page.getByText(/reordered elsewhere/)).toBeVisible();
  await expect(listNames(page)).toHaveText(["Work", "Bills", "Home"]);
  expect(await positions(session)).toEqual([
    ["Work", 0],
    ["Bills", 1],
    ["Home", 2],
  ]);

  // In the drawer on a phone, too.
  await page.setViewportSize({ width: 360, height: 640 });
  await page.getByRole("button", { name: "Views and lists" }).click();
  const drawer = page.getByRole("dialog", { name: "Views and lists" });
  await expect(drawer).toBeVisible();
  await drawer
    .getByRole("link", { name: /^Home/ })
    .dragTo(drawer.getByRole("link", { name: /^Work/ }));
  await expect(drawer.locator("[data-list-id] span[dir]")).toHaveText(["Home", "Work", "Bills"]);
  await expect
    .poll(() => positions(session))
    .toEqual([
      ["Home", 0],
      ["Work", 1],
      ["Bills", 2],
    ]);
});

test("a task dragged onto a list moves there, the list highlights, counts follow, Undo moves it back; the Inbox shows its open count", async ({
  page,
  user: _signedIn,
}) => {
  const session = await apiSession(page.request);
  const home = await createListThroughApi(session, { name: "Home" });
  const tap = await createThroughApi(session, { title: "Fix the tap" });
  const milk = await createThroughApi(session, { title: "Buy milk" });
  const done = await createThroughApi(session, { title: "Already done" });
  await page.request.patch(`${tasksUrl(session, done.id)}/complete`, {
    data: { completed: true },
    headers: auth(session),
  });
  await openWithSidebar(page, "/tasks/inbox");
  // Open tasks only, as the lists count them.
  await expect(sidebar(page).getByRole("link", { name: /^Inbox\s*2 open$/ })).toBeVisible();
  await expect(listLink(page, "Home")).toHaveAccessibleName(/^Home\s*0 open$/);

  await dragOver(page, taskItem(page, "Fix the tap"), listLink(page, "Home"));
  await expect(listRow(page, "Home")).toHaveAttribute("data-drop", "into");
  await page.mouse.up();
  await expect(taskItem(page, "Fix the tap")).toHaveCount(0);
  await expect(listLink(page, "Home")).toHaveAccessibleName(/^Home\s*1 open$/);
  await expect(sidebar(page).getByRole("link", { name: /^Inbox\s*1 open$/ })).toBeVisible();
  expect((await readThroughApi(session, tap.id)).list_id).toBe(home.id);
  await expect(sidebar(page).locator("[data-drop]")).toHaveCount(0);

  // Undo puts it back.
  const toast = page.getByText("Moved “Fix the tap” to Home");
  await expect(toast).toBeVisible();
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(taskItem(page, "Fix the tap")).toBeVisible();
  await expect(sidebar(page).getByRole("link", { name: /^Inbox\s*2 open$/ })).toBeVisible();
  await expect.poll(async () => (await readThroughApi(session, tap.id)).list_id).toBeNull();

  // Playwright's own drag, then back from the list's view onto the Inbox.
  await taskItem(page, "Buy milk").dragTo(listLink(page, "Home"));
  await expect(listLink(page, "Home")).toHaveAccessibleName(/^Home\s*1 open$/);
  expect((await readThroughApi(session, milk.id)).list_id).toBe(home.id);
  await listLink(page, "Home").click();
  await expect(page).toHaveURL(`/tasks/lists/${home.id}`);
  await taskItem(page, "Buy milk").dragTo(sidebar(page).getByRole("link", { name: /^Inbox/ }));
  await expect(taskItem(page, "Buy milk")).toHaveCount(0);
  await expect(sidebar(page).getByRole("link", { name: /^Inbox\s*2 open$/ })).toBeVisible();
  expect((await readThroughApi(session, milk.id)).list_id).toBeNull();

  // A task added or completed here changes the Inbox's count too.
  await openWithSidebar(page, "/tasks/inbox");
  await page.getByLabel("New task").fill("Call mum");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(sidebar(page).getByRole("link", { name: /^Inbox\s*3 open$/ })).toBeVisible();
  await taskItem(page, "Call mum").getByRole("checkbox").check();
  await expect(sidebar(page).getByRole("link", { name: /^Inbox\s*2 open$/ })).toBeVisible();
});

test("Completed shows the latest completed first, whatever was edited since", async ({
  page,
  user: _signedIn,
}) => {
  const session = await apiSession(page.request);
  const tasks = [];
  for (const title of ["Write the report", "Book flights", "Renew passport"]) {
    tasks.push(await createThroughApi(session, { title }));
  }
  const [report, flights, passport] = tasks as [
    (typeof tasks)[number],
    (typeof tasks)[number],
    (typeof tasks)[number],
  ];
  for (const task of [flights, report, passport]) {
    const response = await page.request.patch(`${tasksUrl(session, task.id)}/complete`, {
      data: { completed: true },
      headers: auth(session),
    });
    expect(response.status()).toBe(200);
  }
  // Edited after completing: the last changed, but still the first completed.
  const edit = await page.request.put(tasksUrl(session, flights.id), {
    data: { title: "Book flights to Lisbon" },
    headers: auth(session),
  });
  expect(edit.status()).toBe(200);
  await openWithSidebar(page, "/tasks/completed");
  await expect(page.getByTestId("task-item")).toHaveText([
    /Renew passport/,
    /Write the report/,
    /Book flights to Lisbon/,
  ]);
});

import type { BrowserContext, Page, Request } from "@playwright/test";
import { expect, saveScreenshot, test } from "./fixtures";
import { apiSession, createThroughApi, openTasks, readThroughApi, taskItem } from "./support/tasks";

/** A second browser (context) signed in as the same user: another window, another device. */
async function secondTab(context: BrowserContext, baseURL: string): Promise<Page> {
  const other = await context.browser()?.newContext({
    baseURL,
    storageState: await context.storageState(),
  });
  if (!other) throw new Error("no browser behind the context");
  return other.newPage();
}

/** Opens the edit dialog and waits until it has read the task's current version. */
async function openEditor(page: Page, title: string, id: number) {
  const read = page.waitForResponse(
    (response) =>
      response.request().method() === "GET" && new URL(response.url()).pathname.endsWith(`/${id}`),
  );
  await page.getByRole("button", { name: `Edit “${title}”` }).click();
  expect((await read).status()).toBe(200);
  return page.getByRole("dialog", { name: "Edit task" });
}

/** Every PUT the page sends, with its If-Match, body and answer. */
function recordSaves(page: Page) {
  const saves: { ifMatch: string | undefined; body: unknown; status: number }[] = [];
  page.on("requestfinished", async (request: Request) => {
    if (request.method() !== "PUT") return;
    const response = await request.response();
    saves.push({
      ifMatch: request.headers()["if-match"],
      body: request.postDataJSON(),
      status: response?.status() ?? 0,
    });
  });
  return saves;
}

test("edits of different fields in two tabs keep each other's changes", async ({
  page,
  context,
  baseURL,
  user: _signedIn,
}) => {
  const session = await apiSession(page.request);
  const task = await createThroughApi(session, { title: "Plan the trip", priority: "low" });
  const otherTab = await secondTab(context, baseURL as string);
  try {
    await openTasks(page);
    await openTasks(otherTab);
    const saves = recordSaves(page);

    // This tab opens the editor first.
    const dialog = await openEditor(page, "Plan the trip", task.id);

    // The other tab changes the priority and the description, and saves.
    const otherDialog = await openEditor(otherTab, "Plan the trip", task.id);
    await otherDialog.getByLabel("Priority").selectOption("high");
    await otherDialog.getByLabel("Description").fill("Book the night train");
    await otherDialog.getByRole("button", { name: "Save" }).click();
    await expect(otherDialog).toBeHidden();

    // This tab, still showing the old values, changes only the title.
    await dialog.getByLabel("Title").fill("Plan the summer trip");
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog).toBeHidden();

    expect(await readThroughApi(session, task.id)).toMatchObject({
      title: "Plan the summer trip",
      priority: "high",
      description: "Book the night train",
    });
    // Only the title was sent, each time against a version: the one the editor read was stale
    // by then (412), so the task was read again and the title saved on top.
    await expect.poll(() => saves.length).toBe(2);
    expect(saves).toMatchObject([
      { body: { title: "Plan the summer trip" }, status: 412 },
      { body: { title: "Plan the summer trip" }, status: 200 },
    ]);
    expect(saves[0]?.ifMatch).toBeTruthy();
    expect(saves[1]?.ifMatch).toBeTruthy();
    expect(saves[1]?.ifMatch).not.toBe(saves[0]?.ifMatch);
    const merged = taskItem(page, "Plan the summer trip");
    await expect(merged).toContainText("High priority");
    await expect(merged).toContainText("Book the night train");
  } finally {
    await otherTab.context().close();
  }
});

test("an edit of a field changed in another tab shows the saved value; mine can be reapplied or discarded", async ({
  page,
  context,
  baseURL,
  user: _signedIn,
}, testInfo) => {
  const session = await apiSession(page.request);
  const task = await createThroughApi(session, { title: "Call the bank" });
  const otherTab = await secondTab(context, baseURL as string);
  try {
    await openTasks(page);
    await openTasks(otherTab);

    // Both tabs rename the task; the other tab saves first.
    const dialog = await openEditor(page, "Call the bank", task.id);
    const otherDialog = await openEditor(otherTab, "Call the bank", task.id);
    await otherDialog.getByLabel("Title").fill("Call the bank today");
    await otherDialog.getByRole("button", { name: "Save" }).click();
    await expect(otherDialog).toBeHidden();

    await dialog.getByLabel("Title").fill("Call the bank on Monday");
    await dialog.getByLabel("Tags").fill("admin");
    await dialog.getByRole("button", { name: "Save" }).click();
    const conflict = dialog.getByRole("alert");
    await expect(conflict).toContainText("This task was changed elsewhere");
    await expect(conflict).toContainText("Call the bank today");
    await saveScreenshot(page, testInfo, "edit-conflict");
    // Nothing typed is lost, and nothing was overwritten.
    await expect(dialog.getByLabel("Title")).toHaveValue("Call the bank on Monday");
    await expect(dialog.getByLabel("Tags")).toHaveValue("admin");
    expect(await readThroughApi(session, task.id)).toMatchObject({
      title: "Call the bank today",
      tags: [],
    });

    await conflict.getByRole("button", { name: "Apply my changes" }).click();
    await expect(dialog).toBeHidden();
    expect(await readThroughApi(session, task.id)).toMatchObject({
      title: "Call the bank on Monday",
      tags: ["admin"],
    });

    // Once more, and this time the other tab's description wins.
    await openTasks(otherTab);
    const again = await openEditor(page, "Call the bank on Monday", task.id);
    const otherAgain = await openEditor(otherTab, "Call the bank on Monday", task.id);
    await otherAgain.getByLabel("Description").fill("Ask about the fees");
    await otherAgain.getByRole("button", { name: "Save" }).click();
    await expect(otherAgain).toBeHidden();

    await again.getByLabel("Description").fill("Ask about the new card");
    await again.getByRole("button", { name: "Save" }).click();
    await expect(again.getByRole("alert")).toContainText("Ask about the fees");
    await again.getByRole("button", { name: "Discard my changes" }).click();
    await expect(again.getByRole("alert")).toBeHidden();
    await expect(again.getByLabel("Description")).toHaveValue("Ask about the fees");
    await again.getByRole("button", { name: "Cancel" }).click();
    expect(await readThroughApi(session, task.id)).toMatchObject({
      title: "Call the bank on Monday",
      description: "Ask about the fees",
      tags: ["admin"],
    });
  } finally {
    await otherTab.context().close();
  }
});

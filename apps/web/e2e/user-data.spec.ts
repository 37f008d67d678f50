import { readFile } from "node:fs/promises";
import type { Download, Page } from "@playwright/test";
import type { Export } from "@todo/contract/export";
import pg from "pg";
import { expect, stackSettings, test } from "./fixtures";
import { enrolTotp } from "./support/authenticator";
import { apiSession, createThroughApi, tasksUrl } from "./support/tasks";

// Several page loads, downloads and password checks each on a busy two-core machine.
test.describe.configure({ timeout: 120_000 });

/** Runs one query as the API's database role (to arrange lists, and to see what is stored). */
async function apiDatabase<Row extends pg.QueryResultRow>(text: string, values: unknown[]) {
  const client = new pg.Client({ connectionString: stackSettings().databaseUrls.api });
  await client.connect();
  try {
    return (await client.query<Row>(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function downloadFrom(page: Page, button: string): Promise<Download> {
  const downloading = page.waitForEvent("download");
  await page
    .getByRole("region", { name: "Your data" })
    .getByRole("button", { name: button })
    .click();
  return downloading;
}

async function downloadedText(download: Download): Promise<string> {
  return readFile(await download.path(), "utf8");
}

/** Every field but ids and the owner (list references by position), to compare two exports. */
function comparable(document: Export) {
  return {
    lists: document.lists.map(({ id: _id, user_id: _user, ...list }) => list),
    tasks: document.tasks.map(({ id: _id, user_id: _user, ...task }) => task),
  };
}

test("Your data: the JSON and CSV exports download, and an export imports into another account equal", async ({
  page,
  user: _signedIn,
  secondUser,
}) => {
  const session = await apiSession(page.request);
  await createThroughApi(session, {
    title: "Water the plants",
    description: "Twice\na week",
    priority: "high",
    due_date: "2026-12-05T08:30:00.000Z",
    tags: ["home", "garden"],
  });
  await createThroughApi(session, { title: "=SUM(1,2)", completed: true, due_date: "2026-12-24" });
  await createThroughApi(session, { title: "Call Ada" });
  await apiDatabase("insert into lists (user_id, name, color, position) values ($1, $2, $3, 0)", [
    session.userId,
    "Home",
    "#2f80ed",
  ]);

  await page.goto("/settings");
  const json = await downloadFrom(page, "Download JSON");
  expect(json.suggestedFilename()).toMatch(/^todo-export-\d{4}-\d\d-\d\d\.json$/);
  const exported = JSON.parse(await downloadedText(json)) as Export;
  expect(exported).toMatchObject({ format: "todo-export", version: 2, user_id: session.userId });
  expect(exported.tasks.map((task) => task.title)).toEqual([
    "Water the plants",
    "=SUM(1,2)",
    "Call Ada",
  ]);
  expect(exported.lists).toEqual([expect.objectContaining({ name: "Home", task_count: 0 })]);

  const csv = await downloadFrom(page, "Download CSV");
  expect(csv.suggestedFilename()).toMatch(/^todo-export-\d{4}-\d\d-\d\d\.csv$/);
  const rows = (await downloadedText(csv)).split("\r\n");
  expect(rows[0]?.split(",")).toEqual(expect.arrayContaining(["id", "title", "tags"]));
  expect(rows).toContainEqual(expect.stringContaining(`,"'=SUM(1,2)",`));

  // Another account imports the file through its settings page.
  const other = secondUser.page;
  await other.goto("/settings");
  const data = other.getByRole("region", { name: "Your data" });
  await data.getByLabel("Import a JSON export").setInputFiles(await json.path());
  await expect(data.getByText(/holds 1 list and 3 tasks\./)).toBeVisible();
  await expect(data.getByRole("list", { name: "First tasks in the file" })).toHaveText(
    /Water the plants.*=SUM\(1,2\).*Call Ada/s,
  );
  await data.getByRole("button", { name: "Import", exact: true }).click();
  await expect(data.getByRole("status")).toHaveText("Imported 1 list and 3 tasks.");

  const reexported = JSON.parse(await downloadedText(await downloadFrom(other, "Download JSON")));
  expect(reexported.user_id).not.toBe(session.userId);
  expect(comparable(reexported)).toEqual(comparable(exported));
});

test("Your data: a file with errors imports nothing and names each error", async ({
  page,
  user: _signedIn,
}) => {
  const session = await apiSession(page.request);
  await page.goto("/settings");
  const data = page.getByRole("region", { name: "Your data" });
  const input = data.getByLabel("Import a JSON export");

  await input.setInputFiles({
    name: "notes.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("hi"),
  });
  await expect(data.getByRole("alert")).toContainText("This file is not JSON");

  const document = {
    format: "todo-export",
    version: 2,
    lists: [{ id: 1, name: "Work", color: "blue" }],
    tasks: [
      { id: 1, title: "Fine", list_id: 1 },
      { id: 2, title: "   " },
      { id: 3, title: "Also fine", priority: "urgent" },
    ],
  };
  await input.setInputFiles({
    name: "broken.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(document)),
  });
  await expect(data.getByText(/broken\.json holds 1 list and 3 tasks\./)).toBeVisible();
  await data.getByRole("button", { name: "Import", exact: true }).click();
  const alert = data.getByRole("alert");
  await expect(alert).toContainText("Nothing was imported: the file has errors.");
  await expect(alert.getByRole("listitem")).toHaveText([
    /^List 1, color: /,
    "Task 2, title: Must not be empty",
    /^Task 3, priority: /,
  ]);

  const tasks = await page.request.get(tasksUrl(session), {
    headers: { Authorization: `Bearer ${session.token}` },
  });
  expect(await tasks.json()).toMatchObject({ total: 0 });
});

test("deleting the account needs the password, erases the tasks at the API and ends every token", async ({
  page,
  user,
}) => {
  const session = await apiSession(page.request);
  await createThroughApi(session, { title: "Soon gone" });
  await createThroughApi(session, { title: "Also gone", completed: true });

  await page.goto("/settings");
  const section = page.getByRole("region", { name: "Delete account" });
  // The export is offered first.
  await expect(section.getByRole("button", { name: "Download JSON" })).toBeVisible();
  await section.getByLabel("Password").fill("not-the-password");
  await section.getByRole("button", { name: "Delete my account" }).click();
  await expect(section.getByRole("alert")).toHaveText("The password is incorrect.");
  await expect(section.getByLabel("Password")).toHaveValue("not-the-password");
  const stored = () =>
    apiDatabase<{ count: string }>("select count(*) from tasks where user_id = $1", [
      session.userId,
    ]).then((rows) => Number(rows[0]?.count));
  expect(await stored()).toBe(2);

  await section.getByLabel("Password").fill(user.password);
  await section.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL("/account-deleted");
  await expect(page.getByRole("heading", { name: "Your account has been deleted" })).toBeVisible();

  expect(await stored()).toBe(0);
  const answer = await page.request.get(tasksUrl(session), {
    headers: { Authorization: `Bearer ${session.token}` },
  });
  expect(answer.status()).toBe(401);
  expect(await (await page.request.get("/api/auth/get-session")).json()).toBeNull();
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("with two-factor on, deleting the account also needs a code", async ({ page, user }) => {
  const { authenticator } = await enrolTotp(page, user.password);
  const session = await apiSession(page.request);
  await createThroughApi(session, { title: "Protected" });

  await page.reload();
  const code = await authenticator.nextCode();
  const section = page.getByRole("region", { name: "Delete account" });
  await section.getByLabel("Password").fill(user.password);
  await section.getByLabel("Authentication code").fill(code === "000000" ? "000001" : "000000");
  await section.getByRole("button", { name: "Delete my account" }).click();
  await expect(section.getByRole("alert")).toContainText("That code is not right.");

  await section.getByLabel("Authentication code").fill(code);
  await section.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL("/account-deleted");
  const answer = await page.request.get(tasksUrl(session), {
    headers: { Authorization: `Bearer ${session.token}` },
  });
  expect(answer.status()).toBe(401);
});

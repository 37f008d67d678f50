import { decodeJwt } from "jose";
import {
  expect,
  newUserData,
  signInViaUi,
  signUpThroughApi,
  stackSettings,
  test,
} from "./fixtures";
import { freePort, startStack, startWeb } from "./support/servers";

test("an expired token is replaced without the user noticing", async ({ browser }) => {
  const ttlSeconds = 2;
  const stack = await startStack(stackSettings(), {
    name: "short-token",
    tokenTtlSeconds: ttlSeconds,
  });
  const context = await browser.newContext({ baseURL: stack.webUrl });
  try {
    const user = newUserData("refresh");
    await signUpThroughApi(context.request, stack.webUrl, user);
    const page = await context.newPage();
    const sent: Array<{ at: number; exp: number }> = [];
    page.on("request", (request) => {
      const authorization = request.headers().authorization;
      if (request.url().startsWith(stack.apiUrl) && authorization) {
        const exp = decodeJwt(authorization.replace(/^Bearer /i, "")).exp ?? 0;
        sent.push({ at: Date.now() / 1000, exp });
      }
    });
    let tokenRequests = 0;
    page.on("request", (request) => {
      if (request.url().endsWith("/api/auth/token")) tokenRequests++;
    });

    async function addTask(title: string) {
      await page.getByLabel("New task").fill(title);
      await page.getByRole("button", { name: "Add", exact: true }).click();
      await expect(page.getByText(title)).toBeVisible();
    }

    // The list arrives with the page; the first call from the browser gets the first token.
    await page.goto("/tasks");
    await addTask(`Before expiry ${Date.now()}`);
    expect(sent.length).toBeGreaterThan(0);
    const before = tokenRequests;

    // Outlive the token, then use the page again.
    await page.waitForTimeout((ttlSeconds + 1) * 1000);
    const title = `After expiry ${Date.now()}`;
    await addTask(title);
    await page.reload();
    await expect(page.getByText(title)).toBeVisible();

    expect(tokenRequests).toBeGreaterThan(before);
    // Every call went out with a token that was still valid when sent.
    for (const request of sent) expect(request.exp).toBeGreaterThan(request.at);
    await expect(page.getByRole("main").getByRole("alert")).toHaveCount(0);
    await expect(page).toHaveURL(/\/tasks/);
  } finally {
    await context.close();
    await stack.stop();
  }
});

test("an API that is down shows a message with a retry, not a blank page", async ({ browser }) => {
  // Nothing listens on the API port this web app is given.
  const web = await startWeb(stackSettings(), {
    name: "no-api-web",
    port: await freePort(),
    apiUrl: `http://127.0.0.1:${await freePort()}`,
  });
  const context = await browser.newContext({ baseURL: web.url });
  try {
    const user = newUserData("api-down");
    await signUpThroughApi(context.request, web.url, user);
    await context.clearCookies();
    const page = await context.newPage();
    await signInViaUi(page, user);
    await expect(page).toHaveURL("/tasks");
    await expect(page.getByRole("heading", { name: "Tasks", level: 1 })).toBeVisible();
    const alert = page.getByRole("main").getByRole("alert");
    await expect(alert).toContainText(/reach the server/i, { timeout: 20_000 });
    await expect(alert.getByRole("button", { name: "Retry" })).toBeVisible();
    await expect(page.getByRole("button", { name: /account menu/i })).toBeVisible();
  } finally {
    await context.close();
    await web.stop();
  }
});

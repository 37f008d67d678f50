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

test("a token is reused while fresh and replaced before it expires, unnoticed", async ({
  browser,
}) => {
  // The browser's clock is ours to move: the client decides from `Date.now()` when its token
  // is too close to `exp` (the refresh margin) and fetches the next one before sending.
  const stack = await startStack(stackSettings(), { name: "token-refresh" });
  const context = await browser.newContext({ baseURL: stack.webUrl });
  try {
    await context.clock.install();
    const user = newUserData("refresh");
    await signUpThroughApi(context.request, stack.webUrl, user);
    const page = await context.newPage();
    // What the browser sent, in order: a token fetch, or an API call with its bearer token.
    const events: string[] = [];
    page.on("request", (request) => {
      const authorization = request.headers().authorization;
      if (request.url().endsWith("/api/auth/token")) events.push("token");
      // The bell's poll runs on its own timer (which the moved clock fires): not these calls.
      else if (
        request.url().startsWith(stack.apiUrl) &&
        authorization &&
        !request.url().endsWith("/notifications")
      )
        events.push(authorization);
    });
    const tokenFetches = () => events.filter((event) => event === "token").length;

    async function addTask(title: string) {
      const created = page.waitForResponse(
        (response) =>
          response.url().startsWith(stack.apiUrl) && response.request().method() === "POST",
      );
      await page.getByLabel("New task").fill(title);
      await page.getByRole("button", { name: "Add", exact: true }).click();
      const response = await created;
      expect(response.status()).toBe(201);
      await expect(page.getByText(title)).toBeVisible();
      return response.request().headers().authorization;
    }

    // The list arrives with the page; the first call from the browser fetches the first token.
    await page.goto("/tasks");
    await addTask(`First ${Date.now()}`);
    const fetchedForFirst = tokenFetches();
    expect(fetchedForFirst).toBeGreaterThan(0);
    await addTask(`Second ${Date.now()}`);
    expect(tokenFetches()).toBe(fetchedForFirst);
    const bearer = events.at(-1) ?? "";
    const { exp = 0, iat = 0 } = decodeJwt(bearer.replace(/^Bearer /i, ""));
    // A token issued within the same second as this one would be the same bytes (its claims
    // count seconds): the refresh below must come from a later second to be told apart.
    await expect.poll(() => Date.now()).toBeGreaterThanOrEqual((iat + 1) * 1000);

    // Into the last 30 s of the token's life, within the client's refresh margin: the next
    // call fetches a new token before it leaves.
    await context.clock.fastForward(exp * 1000 - Date.now() - 30_000);
    const seen = events.length;
    const title = `After refresh ${Date.now()}`;
    const sentWith = await addTask(title);
    // (A new token, too, looks close to expiry on the moved clock: later calls refresh again.)
    // Other queries may refetch on the moved clock too: what counts is that a token was fetched
    // and the task went with it, not with the old one.
    expect(events.slice(seen)).toContain("token");
    expect(sentWith).not.toBe(bearer);
    await page.reload();
    await expect(page.getByText(title)).toBeVisible();
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

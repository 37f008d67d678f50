import {
  expect,
  holdScripts,
  newUserData,
  signInViaUi,
  signOutViaUi,
  signUpThroughApi,
  signUpViaUi,
  test,
} from "./fixtures";

const WRONG_CREDENTIALS = "The email or password is incorrect.";

test("sign up, reach the tasks page, sign out and sign in again", async ({ page }) => {
  const user = newUserData("journey");
  await signUpViaUi(page, user);
  await expect(page).toHaveURL("/tasks");
  await expect(page.getByRole("button", { name: /account menu/i })).toContainText(user.name);

  await signOutViaUi(page);
  await page.goto("/tasks");
  await expect(page).toHaveURL("/sign-in?next=/tasks");

  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL("/tasks");
  await expect(page.getByRole("button", { name: /account menu/i })).toContainText(user.name);
});

test("a sign-in typed before hydration is kept, sent once hydrated, and never in the address", async ({
  page,
  context,
  user,
}) => {
  await context.clearCookies();
  const navigations: string[] = [];
  page.on("request", (request) => {
    if (request.isNavigationRequest()) navigations.push(`${request.method()} ${request.url()}`);
  });
  const { release } = await holdScripts(page);
  await page.goto("/sign-in", { waitUntil: "commit" });
  const submit = page.getByRole("button", { name: "Sign in" });
  await expect(submit).toBeDisabled();
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  // Enter submits nothing while the form's button is disabled.
  await page.getByLabel("Password").press("Enter");

  release();
  await expect(submit).toBeEnabled();
  await expect(page.getByLabel("Password")).toHaveValue(user.password);
  await submit.click();
  await expect(page).toHaveURL("/tasks");
  expect(navigations.filter((line) => !line.startsWith("GET "))).toEqual([]);
  expect(navigations.filter((line) => line.includes(encodeURIComponent(user.password)))).toEqual(
    [],
  );
});

test("/tasks without a session redirects to sign-in, also with a forged cookie", async ({
  page,
  context,
  baseURL,
}) => {
  await page.goto("/tasks");
  await expect(page).toHaveURL("/sign-in?next=/tasks");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();

  // Past the proxy's cookie-presence check, the page's own session check must still refuse.
  await context.addCookies([
    { name: "better-auth.session_token", value: "forged.value", url: baseURL as string },
  ]);
  await page.goto("/tasks");
  await expect(page).toHaveURL("/sign-in?next=/tasks");
});

test("wrong credentials get one message that does not say which part was wrong", async ({
  page,
  context,
  user,
}) => {
  await context.clearCookies();
  await signInViaUi(page, { email: user.email, password: "not-the-password" });
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(WRONG_CREDENTIALS);

  await signInViaUi(page, { email: `nobody-${user.email}`, password: user.password });
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(WRONG_CREDENTIALS);
  await expect(page).toHaveURL(/\/sign-in/);
});

test("sign-in goes to a same-origin `next` and ignores any other", async ({
  page,
  context,
  user,
}) => {
  await context.clearCookies();
  await signInViaUi(page, user, "/tasks?status=completed");
  await expect(page).toHaveURL("/tasks?status=completed");

  await context.clearCookies();
  await signInViaUi(page, user, "https://evil.example/steal");
  await expect(page).toHaveURL("/tasks");

  await context.clearCookies();
  await signInViaUi(page, user, "//evil.example/steal");
  await expect(page).toHaveURL("/tasks");
});

test("forms validate inline and send nothing while invalid", async ({ page }) => {
  const authRequests: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/api/auth/sign-")) authRequests.push(request.url());
  });
  await page.goto("/sign-up");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter your name")).toBeVisible();
  await expect(page.getByText("Enter your email address")).toBeVisible();
  await expect(page.getByText("Use at least 8 characters")).toBeVisible();
  await expect(page.getByLabel("Name")).toBeFocused();
  await expect(page.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Email").blur();
  await expect(page.getByText(/Enter a valid email address/)).toBeVisible();
  await page.getByLabel("Password").fill("x".repeat(129));
  await expect(page.getByText("Use at most 128 characters")).toBeVisible();
  await page.getByLabel("Password").fill("long enough");
  await expect(page.getByText(/Use at (least|most)/)).toHaveCount(0);
  expect(authRequests).toEqual([]);
});

test("signing up with an email that is taken says so", async ({ page, context, baseURL }) => {
  const user = newUserData("taken");
  await signUpThroughApi(context.request, baseURL as string, user);
  await context.clearCookies();
  await signUpViaUi(page, { ...user, password: "another-password" });
  await expect(page.getByRole("main").getByRole("alert")).toContainText("already exists");
});

test("a signed-in visitor of /sign-in goes straight on", async ({ page, user }) => {
  await page.goto("/sign-in");
  await expect(page).toHaveURL("/tasks");
  await expect(page.getByRole("button", { name: /account menu/i })).toContainText(user.name);
});

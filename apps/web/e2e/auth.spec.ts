import {
  expect,
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

// Shows reminders pushed by the API (Web Push) and opens their task when one is clicked.
// The tag is the page's too (features/notifications/components/notification-text.ts): a
// reminder the open page already showed is replaced, not shown twice.

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

function dueText(dueDate) {
  // An all-day date names a day, not a moment: shown as that day wherever the reader is.
  const allDay = /^\d{4}-\d{2}-\d{2}$/.test(dueDate);
  const date = new Date(allDay ? `${dueDate}T00:00:00Z` : dueDate);
  const text = allDay
    ? date.toLocaleDateString(undefined, { dateStyle: "medium", timeZone: "UTC" })
    : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  return `Due ${text}`;
}

self.addEventListener("push", (event) => {
  let message;
  try {
    message = event.data ? event.data.json() : null;
  } catch {
    message = null;
  }
  const notification = message && message.type === "reminder" ? message.notification : null;
  if (!notification) return;
  event.waitUntil(
    self.registration.showNotification(notification.title, {
      body: dueText(notification.due_date),
      tag: `notification-${notification.id}`,
      data: { url: `/tasks?edit=${notification.task_id}` },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = new URL(event.notification.data?.url ?? "/tasks", self.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window" });
      const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
      if (open) {
        await open.focus();
        await open.navigate(url);
        return;
      }
      await self.clients.openWindow(url);
    })(),
  );
});

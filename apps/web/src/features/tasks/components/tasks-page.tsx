"use client";

export interface TasksPageProps {
  /** The API's public origin, passed from the server so the client bundle holds no build-time URL. */
  apiUrl: string;
  user: { id: string; name: string; email: string };
}

export function TasksPage({ user }: TasksPageProps) {
  return (
    <main className="mx-auto w-full max-w-3xl p-4">
      <h1 className="text-2xl font-semibold">Tasks</h1>
      <p>Signed in as {user.name}</p>
    </main>
  );
}

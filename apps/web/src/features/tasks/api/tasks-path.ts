/** docs/api.md, Tasks: every task path is `/api/{user_id}/tasks[/{id}]`. */
export function tasksPath(userId: string, id?: number): string {
  const base = `/api/${encodeURIComponent(userId)}/tasks`;
  return id === undefined ? base : `${base}/${id}`;
}

"use client";

import type { TaskView } from "@/lib/task-views";
import { useLists } from "@/lib/use-lists";
import { useTasksScope } from "../hooks/use-tasks-scope";

const VIEW_TITLES: Record<Exclude<TaskView["kind"], "list">, string> = {
  all: "Tasks",
  inbox: "Inbox",
  today: "Today",
  upcoming: "Upcoming",
  completed: "Completed",
};

/** The page's heading: the view's name, or the list's once the lists have loaded. */
export function ViewHeading({ view }: { view: TaskView }) {
  const lists = useLists(useTasksScope().userId);
  const title =
    view.kind === "list"
      ? (lists.find(({ id }) => id === view.listId)?.name ?? "List")
      : VIEW_TITLES[view.kind];
  return (
    <h1 className="text-2xl font-bold tracking-tight" dir="auto">
      {title}
    </h1>
  );
}

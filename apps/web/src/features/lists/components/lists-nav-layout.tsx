import type { List } from "@todo/contract/list";
import type NextLink from "next/link";
import { usePathname } from "next/navigation";
import { type HTMLAttributes, type ReactNode, useId } from "react";
import { parseViewSegments, type TaskView, viewPath } from "@/lib/task-views";

const VIEWS: { view: TaskView; label: string }[] = [
  { view: { kind: "inbox" }, label: "Inbox" },
  { view: { kind: "today" }, label: "Today" },
  { view: { kind: "upcoming" }, label: "Upcoming" },
  { view: { kind: "completed" }, label: "Completed" },
  { view: { kind: "all" }, label: "All tasks" },
];

const linkClassName =
  "flex min-h-9 min-w-0 flex-1 items-center gap-2 rounded-md px-2 text-sm hover:bg-muted " +
  "focus-visible:outline-2 focus-visible:outline-ring aria-[current=page]:bg-muted " +
  "aria-[current=page]:font-semibold";

// Where a drag would land: a task into the row (highlighted), a list before or after it (a line).
const dropClassName =
  "rounded-md data-[drop=into]:bg-muted data-[drop=into]:outline-2 data-[drop=into]:outline-dashed " +
  "data-[drop=into]:outline-primary data-[drop=before]:shadow-[inset_0_2px_0_var(--color-primary)] " +
  "data-[drop=after]:shadow-[inset_0_-2px_0_var(--color-primary)]";

/** Attributes and handlers a row or a link gets once the sidebar is live (drag and drop). */
type Extra<E extends HTMLElement> = HTMLAttributes<E> & { [data: `data-${string}`]: unknown };

/** The address of the view on screen, which the sidebar marks as the current page. */
export function useCurrentViewPath(): string {
  const pathname = usePathname();
  return viewPath(parseViewSegments(pathname.split("/").slice(2)) ?? { kind: "all" });
}

function OpenCount({ count }: { count: number | undefined }) {
  if (count === undefined) return null;
  return (
    <span className="text-xs text-muted-foreground tabular-nums">
      {count}
      {/* Read as what it is, not a bare number after the name. */}
      <span className="sr-only"> open</span>
    </span>
  );
}

interface ListsNavLayoutProps {
  lists: readonly List[];
  inboxCount: number | undefined;
  /** next/link once live; a plain link in the stand-in, which loads without next/link. */
  link: typeof NextLink | "a";
  /** Called on following a link, so a drawer can close. */
  onNavigate?: () => void;
  /** Opens a list's actions; without it (the stand-in) its button is disabled. */
  onEdit?: (list: List) => void;
  inboxRow?: Extra<HTMLLIElement>;
  listRow?: (list: List) => Extra<HTMLLIElement>;
  listLink?: (list: List) => Extra<HTMLAnchorElement>;
  /** Below the lists: the new-list form. */
  footer: ReactNode;
  /** After the lists: the dialog of the list being edited. */
  children?: ReactNode;
}

/**
 * What the sidebar shows: the views, the user's lists with their open-task counts, and the
 * new-list form. lists-nav.tsx makes it live; lists-nav-stand-in.tsx shows it while that loads.
 */
export function ListsNavLayout({
  lists,
  inboxCount,
  link: Link,
  onNavigate,
  onEdit,
  inboxRow,
  listRow,
  listLink,
  footer,
  children,
}: ListsNavLayoutProps) {
  const current = useCurrentViewPath();
  // The sidebar and the drawer can both be on the page.
  const headingId = useId();

  return (
    <nav aria-label="Views and lists" className="flex flex-col gap-4">
      <ul className="flex flex-col gap-0.5">
        {VIEWS.map(({ view, label }) => {
          const href = viewPath(view);
          const inbox = view.kind === "inbox";
          return (
            <li key={href} className={`flex ${dropClassName}`} {...(inbox ? inboxRow : {})}>
              <Link
                href={href}
                className={linkClassName}
                aria-current={href === current ? "page" : undefined}
                onClick={onNavigate}
              >
                <span className="min-w-0 flex-1 truncate">{label}</span>
                {inbox ? <OpenCount count={inboxCount} /> : null}
              </Link>
            </li>
          );
        })}
      </ul>
      <section aria-labelledby={headingId} className="flex flex-col gap-2">
        <h2 id={headingId} className="px-2 text-sm font-semibold text-muted-foreground">
          Lists
        </h2>
        {lists.length > 0 ? (
          <ul className="flex flex-col gap-0.5">
            {lists.map((list) => {
              const href = viewPath({ kind: "list", listId: list.id });
              return (
                <li
                  key={list.id}
                  className={`flex items-center gap-1 ${dropClassName}`}
                  {...listRow?.(list)}
                >
                  <Link
                    href={href}
                    data-list-id={list.id}
                    className={linkClassName}
                    aria-current={href === current ? "page" : undefined}
                    onClick={onNavigate}
                    {...listLink?.(list)}
                  >
                    <span
                      aria-hidden="true"
                      className="size-2.5 shrink-0 rounded-full border border-border"
                      style={list.color ? { backgroundColor: list.color } : undefined}
                    />
                    <span className="min-w-0 flex-1 truncate" dir="auto">
                      {list.name}
                    </span>
                    <OpenCount count={list.task_count} />
                  </Link>
                  <button
                    type="button"
                    aria-label={`Edit list ${list.name}`}
                    disabled={!onEdit}
                    onClick={onEdit && (() => onEdit(list))}
                    className="flex size-9 shrink-0 items-center justify-center rounded-md text-muted-foreground hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring"
                  >
                    {/* Three dots: more actions. */}
                    <svg
                      aria-hidden="true"
                      viewBox="0 0 24 24"
                      className="size-4"
                      fill="currentColor"
                    >
                      <circle cx="5" cy="12" r="2" />
                      <circle cx="12" cy="12" r="2" />
                      <circle cx="19" cy="12" r="2" />
                    </svg>
                  </button>
                </li>
              );
            })}
          </ul>
        ) : null}
        {lists.length > 1 ? (
          <p className="px-2 text-xs text-muted-foreground">
            Reorder: drag a list, or <kbd className="font-mono">Alt</kbd>+
            <kbd className="font-mono">↑</kbd>/<kbd className="font-mono">↓</kbd> on it.
          </p>
        ) : null}
        {footer}
      </section>
      {children}
    </nav>
  );
}

import { useInboxCount, useLists } from "@/lib/use-lists";
import { ListsNavLayout } from "./lists-nav-layout";
import { NewListFields } from "./new-list-fields";

/**
 * The sidebar as it looks, from the page's own data, while its code loads (lists-sidebar.tsx):
 * plain links with the counts, its buttons and new-list form disabled. Same layout and size, so
 * nothing blanks or moves, and a response sent before the sidebar is ready still lists them.
 */
export function ListsNavStandIn({ userId }: { userId: string }) {
  return (
    <ListsNavLayout
      lists={useLists(userId)}
      inboxCount={useInboxCount(userId)}
      link="a"
      footer={<NewListFields disabled />}
    />
  );
}

"use client";

import { Dialog, DialogContent } from "@/components/ui/dialog";
import { ListsNav } from "./lists-nav";

/** The drawer itself, loaded on first opening with Radix's dialog. */
export function ListsDrawerPanel({ userId, onClose }: { userId: string; onClose: () => void }) {
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent side="left" title="Views and lists">
        <ListsNav userId={userId} onNavigate={onClose} />
      </DialogContent>
    </Dialog>
  );
}

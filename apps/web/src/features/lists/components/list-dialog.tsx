"use client";

import type { List } from "@todo/contract/list";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { showToast } from "@/components/ui/toaster";
import { describeError } from "@/lib/api-client";
import { moveErrorMessage, useDeleteList, useMoveList, useUpdateList } from "../api/list-mutations";
import { LIST_COLORS } from "./list-colors";

interface ListDialogProps {
  userId: string;
  /** The list as the query has it now, so a move shows its new place at once. */
  list: List;
  listCount: number;
  onClose: () => void;
  /** Called once the list is gone, to leave its view. */
  onDeleted: (list: List) => void;
}

function tasksGoing(count: number): string {
  return count === 1 ? "its 1 open task" : `its ${count} open tasks`;
}

/** Rename and recolor a list, or delete it after a confirmation that says what goes with it. */
export function ListDialog({ userId, list, listCount, onClose, onDeleted }: ListDialogProps) {
  const updateList = useUpdateList(userId);
  const moveList = useMoveList(userId);
  const deleteList = useDeleteList(userId);
  const [name, setName] = useState(list.name);
  const [color, setColor] = useState(list.color);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!name.trim()) {
      setError("Give the list a name");
      return;
    }
    const changes = {
      ...(name !== list.name ? { name } : {}),
      ...(color !== list.color ? { color } : {}),
    };
    try {
      if (Object.keys(changes).length > 0) await updateList.mutateAsync({ id: list.id, changes });
      onClose();
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  async function move(step: 1 | -1) {
    try {
      await moveList.mutateAsync({ list, position: list.position + step });
    } catch (failure) {
      setError(moveErrorMessage(failure));
    }
  }

  async function remove() {
    try {
      await deleteList.mutateAsync(list.id);
      showToast("message", `Deleted “${list.name}”`);
      onDeleted(list);
      onClose();
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent title={confirming ? "Delete list" : "Edit list"}>
        {confirming ? (
          <div className="flex flex-col gap-4">
            <p>
              Delete “{list.name}” and {tasksGoing(list.task_count)}? Its completed tasks go too.
              This cannot be undone.
            </p>
            {error ? <Alert title="Couldn't delete the list">{error}</Alert> : null}
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setConfirming(false)}>
                Keep the list
              </Button>
              <Button
                variant="danger"
                disabled={deleteList.isPending}
                onClick={() => void remove()}
              >
                {deleteList.isPending ? "Deleting…" : "Delete list"}
              </Button>
            </div>
          </div>
        ) : (
          <form noValidate onSubmit={save} className="flex flex-col gap-4">
            <FormField label="Name" error={error ?? undefined}>
              {(control) => (
                <Input
                  {...control}
                  value={name}
                  autoComplete="off"
                  dir="auto"
                  onChange={(event) => setName(event.target.value)}
                />
              )}
            </FormField>
            <fieldset className="flex flex-col gap-2">
              <legend className="mb-2 text-sm font-medium">Color</legend>
              <div className="flex flex-wrap gap-x-4 gap-y-2">
                {[{ name: "None", value: null }, ...LIST_COLORS].map((option) => (
                  <label key={option.name} className="flex items-center gap-1.5 text-sm">
                    <input
                      type="radio"
                      name="color"
                      checked={color === option.value}
                      onChange={() => setColor(option.value)}
                    />
                    <span
                      aria-hidden="true"
                      className="size-3 rounded-full border border-border"
                      style={option.value ? { backgroundColor: option.value } : undefined}
                    />
                    {option.name}
                  </label>
                ))}
              </div>
            </fieldset>
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-sm font-medium">
                Place {list.position + 1} of {listCount}
              </span>
              <Button
                size="sm"
                variant="secondary"
                disabled={list.position === 0 || moveList.isPending}
                onClick={() => void move(-1)}
              >
                Move up
              </Button>
              <Button
                size="sm"
                variant="secondary"
                disabled={list.position >= listCount - 1 || moveList.isPending}
                onClick={() => void move(1)}
              >
                Move down
              </Button>
            </div>
            <div className="flex flex-wrap justify-between gap-2">
              <Button variant="danger" onClick={() => setConfirming(true)}>
                Delete…
              </Button>
              <div className="flex gap-2">
                <DialogClose asChild>
                  <Button variant="secondary">Cancel</Button>
                </DialogClose>
                <Button type="submit" disabled={updateList.isPending}>
                  {updateList.isPending ? "Saving…" : "Save"}
                </Button>
              </div>
            </div>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}

// Its own module: the toolbar needs it on first load, the detail fields beside it in
// task-fields.tsx load only when unfolded or edited.
/** The `<option>`s of a select over one of the label maps. */
export function LabelOptions({ labels }: { labels: Record<string, string> }) {
  return Object.entries(labels).map(([value, label]) => (
    <option key={value} value={value}>
      {label}
    </option>
  ));
}

import { createRoot } from "react-dom/client";
import { act } from "react";

test("mounts", () => {
  const root = createRoot(document.createElement("div"));
  act(() => {
    root.render(<div />);
  });
});

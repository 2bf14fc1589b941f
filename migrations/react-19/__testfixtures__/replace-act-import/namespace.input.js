import * as TestUtils from "react-dom/test-utils";
import { createRoot } from "react-dom/client";

test("mounts", () => {
  const root = createRoot(document.createElement("div"));
  TestUtils.act(() => {
    root.render(<div />);
  });
});

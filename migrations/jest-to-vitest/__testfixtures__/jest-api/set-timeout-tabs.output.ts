import { helper } from "./helper";

describe("slow", () => {
	vi.setConfig({ testTimeout: helper.timeout * 2 });
	it("waits", async () => {
		if (true) {
			vi.setConfig({ testTimeout: 60 * 1000 });
		}
		await new Promise((resolve) => setTimeout(resolve, 10));
	});
});

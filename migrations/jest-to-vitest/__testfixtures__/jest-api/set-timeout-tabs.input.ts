import { helper } from "./helper";

describe("slow", () => {
	jest.setTimeout(helper.timeout * 2);
	it("waits", async () => {
		if (true) {
			jest.setTimeout(60 * 1000);
		}
		await new Promise((resolve) => setTimeout(resolve, 10));
	});
});

install:
		npm ci
lint:
		npx eslint .
test:
		NODE_OPTIONS=--experimental-vm-modules npx vitest run
coverage:
		NODE_OPTIONS=--experimental-vm-modules npx vitest run --coverage

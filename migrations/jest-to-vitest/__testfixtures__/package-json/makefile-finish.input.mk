install:
		npm ci
lint:
		npx eslint .
test:
		NODE_OPTIONS=--experimental-vm-modules npx jest && NODE_OPTIONS=--experimental-vm-modules npx vitest run
coverage:
		NODE_OPTIONS=--experimental-vm-modules npx jest --coverage --coverageProvider=v8 && NODE_OPTIONS=--experimental-vm-modules npx vitest run --coverage

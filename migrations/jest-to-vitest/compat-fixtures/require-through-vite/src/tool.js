// An ES module with a default export and a named one.
export default function tool() {
  return 'tool'
}

export const named = 'named'

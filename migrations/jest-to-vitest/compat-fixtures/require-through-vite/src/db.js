export const db = {rows: []}

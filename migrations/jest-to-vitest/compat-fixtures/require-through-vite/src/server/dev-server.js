import {db} from 'db'

throw new Error(`the development server loaded in a test (${Object.keys(db)})`)

// The shape of the model's reply content, twice: as a zod schema that validates what comes back,
// and as the JSON Schema sent in `response_format`. The JSON Schema follows OpenAI's strict mode
// (every property required, no extra keys), so the optional `notes` is nullable there.

import { z } from 'zod';

export const SCHEMA_NAME = 'codemigrate_edits';

const searchEdit = z.strictObject({
  path: z.string().min(1),
  search: z.string().min(1, 'search must not be empty'),
  replace: z.string(),
});
const contentEdit = z.strictObject({ path: z.string().min(1), content: z.string() });

export const replyContentSchema = z.strictObject({
  edits: z.array(z.union([searchEdit, contentEdit])),
  notes: z.string().nullish(),
});
export type ReplyContent = z.infer<typeof replyContentSchema>;

export const replyJsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['edits', 'notes'],
  properties: {
    edits: {
      type: 'array',
      items: {
        anyOf: [
          {
            type: 'object',
            additionalProperties: false,
            required: ['path', 'search', 'replace'],
            properties: {
              path: { type: 'string', description: 'repo-relative path of a file listed in the request' },
              search: { type: 'string', description: 'exact text that occurs once in the current file' },
              replace: { type: 'string' },
            },
          },
          {
            type: 'object',
            additionalProperties: false,
            required: ['path', 'content'],
            properties: {
              path: { type: 'string', description: 'repo-relative path of a file listed in the request' },
              content: { type: 'string', description: 'the whole new text of the file' },
            },
          },
        ],
      },
    },
    notes: { type: ['string', 'null'], description: 'what was done, what is left' },
  },
} as const;

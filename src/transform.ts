// `codemigrate/transform`: the types a recipe's transforms are written against (types only; the
// module is empty at run time). See README "Writing a recipe".

export type {
  JscodeshiftAPI,
  JscodeshiftFileInfo,
  JscodeshiftOptions,
  JscodeshiftParser,
  JscodeshiftResult,
  JscodeshiftTransform,
  ReportTarget as TsMorphReportTarget,
  TransformReport,
  TsMorphContext,
  TsMorphResult,
  TsMorphTransform,
} from './codemods/transform-api.js';

// A ts-morph transform as an author writes it: top-level `var` → `let`, the edited tree as its result.

import { VariableDeclarationKind } from 'ts-morph';
import type { TsMorphTransform } from '../../transform.js';

const transform: TsMorphTransform = (sourceFile) => {
  const statements = sourceFile.getVariableStatements().filter((statement) => statement.getDeclarationKind() === VariableDeclarationKind.Var);
  if (statements.length === 0) return null;
  for (const statement of statements) statement.setDeclarationKind(VariableDeclarationKind.Let);
  return undefined;
};

export default transform;

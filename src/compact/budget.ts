// Pure: character budgets. Sections get fixed shares of the space; what one section does not need
// goes to the others; every writer stops before its budget; a final cut at a line boundary is
// the guarantee that holds even if a renderer miscounts.

export interface SectionNeed {
  /** Fraction of the space this section may always use. */
  readonly share: number;
  /** Characters it would use with all the space (at most the total). */
  readonly need: number;
}

/** Budgets that sum to at most `total`: min(need, share) each, then the rest in section order. */
export function allocateBudget(total: number, sections: readonly SectionNeed[]): number[] {
  const space = Math.max(0, Math.floor(total));
  const budgets = sections.map((section) => Math.min(section.need, Math.floor(section.share * space)));
  let left = space - budgets.reduce((sum, budget) => sum + budget, 0);
  sections.forEach((section, index) => {
    const extra = Math.max(0, Math.min(section.need - (budgets[index] ?? 0), left));
    budgets[index] = (budgets[index] ?? 0) + extra;
    left -= extra;
  });
  return budgets;
}

/** The longest prefix of whole lines within `max` characters ("" when not even one line fits). */
export function cutAtLine(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf('\n', max);
  return cut <= 0 ? '' : text.slice(0, cut);
}

/** Collects blocks of lines while they fit; a block that does not fit is refused whole. */
export interface BlockWriter {
  /** Adds the block (one or more lines) if it fits within the budget minus `reserve`. */
  tryAdd(block: string, reserve?: number): boolean;
  fits(block: string, reserve?: number): boolean;
  readonly length: number;
  text(): string;
}

export function createBlockWriter(budget: number): BlockWriter {
  const blocks: string[] = [];
  let length = 0;
  // Blocks are joined by "\n": every block after the first costs one more character.
  const cost = (block: string) => block.length + (blocks.length > 0 ? 1 : 0);
  const fits = (block: string, reserve = 0) => length + cost(block) + reserve <= budget;
  return {
    tryAdd(block, reserve = 0) {
      if (!fits(block, reserve)) return false;
      length += cost(block);
      blocks.push(block);
      return true;
    },
    fits,
    get length() {
      return length;
    },
    text: () => blocks.join('\n'),
  };
}

/** "3, 5, 9, … 997" — at most `head` first items and the last one. */
export function listCapped(items: readonly (string | number)[], head = 3): string {
  if (items.length <= head + 1) return items.join(', ');
  return `${items.slice(0, head).join(', ')}, … ${String(items[items.length - 1])}`;
}

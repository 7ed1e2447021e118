import { GraphQLError, Kind, type ASTVisitor, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';
import { ErrorCode } from './app-exception';

/** What one list item costs relative to a single field; lists multiply by the page size they ask for. */
const DEFAULT_LIST_SIZE = 25;
/** List queries follow the ra-data-graphql-simple names: allTenants, allSpaces, … (not `allocation`). */
const LIST_QUERY = /^all[A-Z]/;

/**
 * Refuses queries whose estimated cost exceeds `maxCost`: every field costs 1, and a field
 * taking `perPage` multiplies what is below it by that page size. Depth is limited apart
 * (Mercurius queryDepth); this catches wide queries such as many aliased lists.
 */
export function queryCostRule(maxCost: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const costOf = (selectionSet: SelectionSetNode | undefined, seen: Set<string>): number => {
      if (!selectionSet) return 0;
      let total = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) total += fieldCost(selection, seen);
        else if (selection.kind === Kind.INLINE_FRAGMENT) total += costOf(selection.selectionSet, seen);
        else if (!seen.has(selection.name.value)) {
          const fragment = fragments.get(selection.name.value);
          total += costOf(fragment?.selectionSet, new Set([...seen, selection.name.value]));
        }
      }
      return total;
    };
    const fieldCost = (field: FieldNode, seen: Set<string>): number => {
      const perPage = field.arguments?.find((argument) => argument.name.value === 'perPage');
      const pageSize = perPage?.value.kind === Kind.INT ? Number(perPage.value.value) : perPage ? DEFAULT_LIST_SIZE * 4 : LIST_QUERY.test(field.name.value) ? DEFAULT_LIST_SIZE : 1;
      return 1 + pageSize * costOf(field.selectionSet, seen);
    };
    return {
      OperationDefinition(operation) {
        const cost = costOf(operation.selectionSet, new Set());
        if (cost > maxCost) {
          context.reportError(
            new GraphQLError(`This query is too expensive (estimated cost ${cost}, limit ${maxCost}): ask for fewer fields, smaller pages or fewer lists at once.`, {
              nodes: [operation],
              extensions: { code: ErrorCode.BadUserInput, cost, maxCost },
            }),
          );
        }
      },
    };
  };
}

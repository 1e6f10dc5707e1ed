/**
 * An estimate of Centra's query complexity: every selected field costs 1, and what is under a
 * list costs as many times as the list may be long (its `limit`, else a typical length). Centra's
 * exact formula is not public; this one is monotone in the same things (fields, nesting, page
 * size), which is what a client's budget has to respect.
 */
import {
  getNamedType,
  getNullableType,
  GraphQLList,
  isCompositeType,
  Kind,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type FragmentDefinitionNode,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLField,
  isObjectType,
  isInterfaceType,
  isUnionType,
  valueFromASTUntyped,
} from 'graphql'

const NESTED_LIST_LENGTH = 5
const TOP_LEVEL_DEFAULT_LIMIT = 20
/**
 * Centra: reading freeToAllocateQuantity adds no complexity, the other stock quantities are
 * expensive. How expensive is not published; this figure is the simulator's own.
 */
export const STOCK_QUANTITY_COST = 10

export function estimateComplexity(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>()
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def)
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType()
  if (!root) return 0
  return selectionCost(schema, root, operation.selectionSet, fragments, variables, 0, true)
}

function fieldsOf(type: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (isObjectType(type) || isInterfaceType(type)) return type.getFields()[name]
  return undefined
}

function selectionCost(
  schema: GraphQLSchema,
  type: GraphQLCompositeType,
  set: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  depth: number,
  topLevel: boolean,
): number {
  if (depth > 20) return 0
  let cost = 0
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) cost += fieldCost(schema, type, sel, fragments, variables, depth, topLevel)
    else if (sel.kind === Kind.INLINE_FRAGMENT) {
      const cond = sel.typeCondition ? (schema.getType(sel.typeCondition.name.value) as GraphQLCompositeType) : type
      if (cond) cost += selectionCost(schema, cond, sel.selectionSet, fragments, variables, depth + 1, topLevel)
    } else if (sel.kind === Kind.FRAGMENT_SPREAD) {
      const frag = fragments.get(sel.name.value)
      const cond = frag ? (schema.getType(frag.typeCondition.name.value) as GraphQLCompositeType) : null
      if (frag && cond) cost += selectionCost(schema, cond, frag.selectionSet, fragments, variables, depth + 1, topLevel)
    }
  }
  return cost
}

function fieldCost(
  schema: GraphQLSchema,
  parent: GraphQLCompositeType,
  node: FieldNode,
  fragments: Map<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  depth: number,
  topLevel: boolean,
): number {
  if (node.name.value.startsWith('__')) return 0
  if (isObjectType(parent) && parent.name === 'Stock') return node.name.value === 'freeToAllocateQuantity' ? 0 : STOCK_QUANTITY_COST
  const field = isUnionType(parent) ? undefined : fieldsOf(parent, node.name.value)
  if (!field || !node.selectionSet) return 1
  const named = getNamedType(field.type)
  if (!isCompositeType(named)) return 1
  const isList = getNullableType(field.type) instanceof GraphQLList
  let multiplier = 1
  if (isList) {
    const limitArg = node.arguments?.find((a) => a.name.value === 'limit')
    const limit = limitArg ? Number(valueFromASTUntyped(limitArg.value, variables)) : NaN
    multiplier = Number.isFinite(limit) && limit > 0 ? limit : topLevel ? TOP_LEVEL_DEFAULT_LIMIT : NESTED_LIST_LENGTH
  }
  return 1 + multiplier * selectionCost(schema, named, node.selectionSet, fragments, variables, depth + 1, false)
}

/**
 * The API's GraphQL contract as ra-data-graphql-simple needs it, built from the committed SDL
 * (apps/api/schema.gql) instead of an introspection query at runtime. The standard introspection
 * query is 15 levels deep and the API rejects queries deeper than 8, so asking the server would
 * break every list and form; the SDL is also the reviewed contract the console is built against.
 */
import { buildSchema, introspectionFromSchema, type IntrospectionSchema } from 'graphql';
import schemaSdl from '../../../api/schema.gql?raw';

export const introspectionSchema: IntrospectionSchema = introspectionFromSchema(buildSchema(schemaSdl)).__schema;

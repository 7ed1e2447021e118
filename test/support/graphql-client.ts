/** One GraphQL error as the API returns it. */
export interface GraphqlError {
  message: string;
  extensions?: { code?: string; field?: string; [key: string]: unknown };
}

export interface GraphqlResponse<T> {
  data?: T | null;
  errors?: GraphqlError[];
}

/** A tiny client over real HTTP, as any outside program would call the API. */
export class GraphqlClient {
  accessToken?: string;

  constructor(readonly baseUrl: string) {}

  async request<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<GraphqlResponse<T>> {
    const response = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.accessToken ? { authorization: `Bearer ${this.accessToken}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphqlResponse<T>;
  }

  /** The data of a request that must succeed; fails the test with the API's errors otherwise. */
  async data<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await this.request<T>(query, variables);
    if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data;
  }

  async login(login: string, password: string): Promise<void> {
    const data = await this.data<{ login: { accessToken: string } }>(
      'mutation($login: String!, $password: String!) { login(login: $login, password: $password) { accessToken } }',
      { login, password },
    );
    this.accessToken = data.login.accessToken;
  }
}

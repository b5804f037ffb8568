/** The pages where administrators manage the tokens integrations use. */
export const authPaths = {
  apiTokens: () => '/admin/api-tokens',
  revokeApiToken: (tokenId: string) => `/admin/api-tokens/${tokenId}/revoke`,
};

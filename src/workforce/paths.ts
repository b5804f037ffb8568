/** The workforce area's pages: users, teams and workers, and a child's allocation. */
export const workforcePaths = {
  users: () => '/admin/users',
  user: (userId: string) => `/admin/users/${userId}`,
  userPassword: (userId: string) => `/admin/users/${userId}/password`,
  userAccess: (userId: string, action: 'disable' | 'enable') => `/admin/users/${userId}/${action}`,
  workforce: () => '/admin/workforce',
  teams: () => '/admin/workforce/teams',
  workers: () => '/admin/workforce/workers',
  worker: (workerId: string) => `/admin/workforce/workers/${workerId}`,
  workerLeft: (workerId: string) => `/admin/workforce/workers/${workerId}/left`,
  allocation: (childId: string) => `/children/${childId}/allocation`,
};

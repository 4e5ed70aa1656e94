// Injected by the build from package.json; "dev" when run from source.
declare const LAKEDECK_VERSION: string | undefined;
export const VERSION: string = typeof LAKEDECK_VERSION === 'string' ? LAKEDECK_VERSION : 'dev';

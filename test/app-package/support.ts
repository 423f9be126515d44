/** An installation's packaging environment, as an admin sets it before `npm run package`. */
export const CLIENT = '66666666-7777-8888-9999-000000000000';
export const BOT = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
export const DOMAIN = 'gruppeforloeb.example.org';

export const PACKAGE_ENV: NodeJS.ProcessEnv = {
  BOT_ID: BOT,
  AAD_APP_CLIENT_ID: CLIENT,
  PUBLIC_URL: `https://${DOMAIN}/`,
};

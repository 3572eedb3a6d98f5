/**
 * Client hooks. An unknown address is an ordinary event in a single-page app (a mistyped or
 * old link): the error page says so, and the console stays quiet, so that real errors stand out.
 */
import type { HandleClientError } from '@sveltejs/kit';

export const handleError: HandleClientError = ({ error, status, message }) => {
  if (status !== 404) console.error(error);
  return { message };
};

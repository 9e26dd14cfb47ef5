/** The largest request body the server takes unless told otherwise: 20 MB. */
export const DEFAULT_BODY_LIMIT = 20 * 1024 * 1024;

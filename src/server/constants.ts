/** Default port of `genegan serve` / `npm start`. */
export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '0.0.0.0';

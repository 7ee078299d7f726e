/** The version of Nopea. */
export const VERSION = "0.1.0";

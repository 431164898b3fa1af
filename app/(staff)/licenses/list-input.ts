/** Licences per page of the list. */
export const LICENSE_PAGE_SIZE = 50;

/** The input of the list's first page, as the page prefetches it and the list asks for it. */
export const firstLicensePage = { limit: LICENSE_PAGE_SIZE, offset: 0, includeArchived: false };

/** Persistence of the catalog in the server's data directory. */
package io.weir.server.catalog;

/** The Weir server: the embedded coordinator and worker, and its configuration. */
package io.weir.server;

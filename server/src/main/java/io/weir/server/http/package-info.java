/** The coordinator's HTTP API. */
package io.weir.server.http;

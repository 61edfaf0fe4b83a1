/** The jobs the server runs: submission, listing and stopping. */
package io.weir.server.job;
